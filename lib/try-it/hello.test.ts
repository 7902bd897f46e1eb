import { describe, expect, it } from "vitest";
import { refusal } from "../../tests/assertions";
import { addPerson, ctx, makeDeveloperCompany, registered } from "../../tests/factories/domain";
import { newAppSecret } from "../apps/secrets";
import { db } from "../db";
import { TRY_HELLO_NOT_ELIGIBLE, tryHelloApi } from "./hello";

describe("Try it (get a token and call Hello API)", () => {
  it("the owner gets each step, with the secret masked and the token abbreviated, and the use of the secret is audited", async () => {
    const { actor, hello } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id);
    const { secret } = await newAppSecret(actor, app.id);
    const trial = await tryHelloApi(actor, app.id, ctx);
    expect(trial.tokenResponse.status).toBe(200);
    expect(trial.helloResponse?.status).toBe(200);
    expect(trial.helloResponse?.body).toMatchObject({ app: { clientId: app.clientId } });
    expect(trial.claims).toMatchObject({ client_id: app.clientId, sub: app.clientId });
    const shown = JSON.stringify(trial);
    expect(shown).not.toContain(secret);
    expect(String(trial.tokenResponse.body.access_token)).toMatch(/^.{8}….{8}$/);
    const audit = await db().auditLog.findMany({ where: { targetId: app.id, event: "app.hello_tried" } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.metadata)).not.toContain(secret);
  });

  it("is the owner's only (a Delegated Administrator may not use the secret) and needs Client Credentials", async () => {
    const { actor, hello, company } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id);
    const da = await addPerson(company, ["DELEGATED_ADMIN"]);
    expect((await refusal(tryHelloApi(da.actor, app.id, ctx))).code).toMatch(/forbidden|not_found/);
    const web = await registered(actor, hello.id, { grantTypes: ["authorization_code"], redirectUri: "https://web.example.com/cb" });
    expect((await refusal(tryHelloApi(actor, web.id, ctx))).message).toBe(TRY_HELLO_NOT_ELIGIBLE);
    expect(await db().auditLog.count({ where: { targetId: { in: [app.id, web.id] }, event: "app.hello_tried" } })).toBe(0);
  });
});
