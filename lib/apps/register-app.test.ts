import { describe, expect, it } from "vitest";
import { refusal } from "../../tests/assertions";
import { makeApi } from "../../tests/factories/apps";
import { actorOf, addPerson, ctx, makeDeveloperCompany, registration, uniqueName } from "../../tests/factories/domain";
import { db } from "../db";
import { AppError } from "../errors";
import { APP_RULE_TEXT } from "../validation/app-registration";
import { verifyClientSecret } from "./client-auth";
import { CLIENT_SECRET_PREFIX, isWellFormedClientId } from "./credentials";
import { registerApp } from "./register-app";
import { revealClientSecret } from "./secrets";

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("registering an app", () => {
  it("stores the app, its APIs, the accepted terms and a sealed secret, and audits it", async () => {
    const { actor, hello, company } = await makeDeveloperCompany();
    const input = registration(hello.id, {
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUri: "https://web.example.com/callback",
      description: "Our web shop",
    });
    const app = await registerApp(actor, input, ctx);
    expect(isWellFormedClientId(app.clientId)).toBe(true);

    const row = await db().app.findUniqueOrThrow({ where: { id: app.id }, include: { subscriptions: true, secrets: true } });
    expect(row).toMatchObject({
      companyId: company.id,
      createdById: actor.user.id,
      name: input.name,
      nameKey: String(input.name).toLowerCase(),
      description: "Our web shop",
      status: "ACTIVE",
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUri: "https://web.example.com/callback",
      termsVersion: "2026-11-01",
    });
    expect(row.termsAcceptedAt).toBeInstanceOf(Date);
    expect(row.subscriptions.map((s) => s.apiId)).toEqual([hello.id]);
    expect(row.secrets).toHaveLength(1);

    const shown = await revealClientSecret(actor, app.id, { provenAt: nowSeconds() }, ctx);
    expect(shown.secret.startsWith(CLIENT_SECRET_PREFIX)).toBe(true);
    expect(row.secrets[0]!.ciphertext).not.toContain(shown.secret);
    expect(row.secrets[0]!.digest).not.toContain(shown.secret);
    expect(row.secrets[0]!.lastFour).toBe(shown.secret.slice(-4));
    expect((await verifyClientSecret(app.clientId, shown.secret))?.id).toBe(app.id);

    const audit = await db().auditLog.findFirstOrThrow({ where: { targetId: app.id, event: "app.registered" } });
    expect(audit).toMatchObject({ companyId: company.id, actorId: actor.user.id, ip: ctx.ip });
    expect(JSON.stringify(audit.metadata)).not.toContain(shown.secret);
    expect(JSON.stringify(audit.metadata)).not.toContain(row.secrets[0]!.digest);
  });

  it("refuses every broken rule on the server, at its field, and saves nothing", async () => {
    const { actor, hello, company } = await makeDeveloperCompany();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ grantTypes: [] }, "grantTypes", APP_RULE_TEXT.grantTypeRequired],
      [{ grantTypes: ["refresh_token"] }, "grantTypes", APP_RULE_TEXT.refreshAlone],
      [{ grantTypes: ["authorization_code"], redirectUri: "" }, "redirectUri", APP_RULE_TEXT.redirectRequired],
      [{ grantTypes: ["implicit"], redirectUri: "https://x.example.com/cb#frag" }, "redirectUri", APP_RULE_TEXT.redirectFragment],
      [{ grantTypes: ["implicit"], redirectUri: "https://*.example.com/cb" }, "redirectUri", APP_RULE_TEXT.redirectWildcard],
      [{ grantTypes: ["authorization_code"], redirectUri: "http://x.example.com/cb" }, "redirectUri", APP_RULE_TEXT.redirectScheme],
      [{ apiIds: [] }, "apiIds", APP_RULE_TEXT.apiRequired],
      [{ acceptTerms: false }, "acceptTerms", APP_RULE_TEXT.termsRequired],
      [{ name: "" }, "name", APP_RULE_TEXT.nameRequired],
      [{ termsVersion: "1999-01-01" }, "acceptTerms", APP_RULE_TEXT.termsChanged],
    ];
    for (const [override, field, message] of cases) {
      const e = await refusal(registerApp(actor, registration(hello.id, override as never), ctx));
      expect(e.code, JSON.stringify(override)).toBe("validation");
      expect(e.fieldErrors?.[field], JSON.stringify(override)).toEqual([message]);
    }
    expect(await db().app.count({ where: { companyId: company.id } })).toBe(0);
  });

  it("subscribes only to APIs the company may use", async () => {
    const { actor, hello, company } = await makeDeveloperCompany();
    const closed = await makeApi(db(), { openToAll: false });
    const e = await refusal(registerApp(actor, registration(hello.id, { apiIds: [hello.id, closed.id] }), ctx));
    expect(e.fieldErrors?.apiIds).toEqual([APP_RULE_TEXT.apiUnknown]);
    const unknown = await refusal(registerApp(actor, registration(hello.id, { apiIds: ["api_doesnotexist"] }), ctx));
    expect(unknown.fieldErrors?.apiIds).toEqual([APP_RULE_TEXT.apiUnknown]);
    await db().companyApiAccess.create({ data: { companyId: company.id, apiId: closed.id, allowed: true } });
    await registerApp(actor, registration(hello.id, { apiIds: [hello.id, closed.id] }), ctx);
    await db().companyApiAccess.create({ data: { companyId: company.id, apiId: hello.id, allowed: false } });
    const withdrawn = await refusal(registerApp(actor, registration(hello.id), ctx));
    expect(withdrawn.fieldErrors?.apiIds).toEqual([APP_RULE_TEXT.apiUnknown]);
  });

  it("keeps names unique in a company, whatever their case, but not across companies", async () => {
    const { actor, hello, company } = await makeDeveloperCompany();
    const name = uniqueName("Unique");
    await registerApp(actor, registration(hello.id, { name }), ctx);
    const e = await refusal(registerApp(actor, registration(hello.id, { name: `  ${name.toUpperCase()} ` }), ctx));
    expect(e.code).toBe("conflict");
    expect(e.fieldErrors?.name).toEqual([APP_RULE_TEXT.nameTaken]);
    const colleague = await addPerson(company, ["API_DEVELOPER"]);
    expect((await refusal(registerApp(colleague.actor, registration(hello.id, { name }), ctx))).code).toBe("conflict");
    const other = await makeDeveloperCompany();
    await registerApp(other.actor, registration(other.hello.id, { name }), ctx);
    expect(await db().app.count({ where: { nameKey: name.toLowerCase() } })).toBe(2);
  });

  it("answers a conflict, not an error, when two registrations of one name race", async () => {
    const { actor, hello } = await makeDeveloperCompany();
    const name = uniqueName("Race");
    const results = await Promise.allSettled([0, 1, 2].map(() => registerApp(actor, registration(hello.id, { name }), ctx)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).code).toBe("conflict");
  });

  it("lets only API Developers of an active company register", async () => {
    const { hello, company } = await makeDeveloperCompany();
    const admin = await addPerson(company, ["DELEGATED_ADMIN"]);
    expect((await refusal(registerApp(admin.actor, registration(hello.id), ctx))).code).toBe("forbidden");
    const plain = await addPerson(company, []);
    expect((await refusal(registerApp(plain.actor, registration(hello.id), ctx))).code).toBe("forbidden");
    const dev = await addPerson(company, ["API_DEVELOPER"]);
    const suspended = actorOf(dev.user, { id: company.id, status: "SUSPENDED" }, ["API_DEVELOPER"]);
    expect((await refusal(registerApp(suspended, registration(hello.id), ctx))).code).toBe("forbidden");
    expect(await db().app.count({ where: { companyId: company.id } })).toBe(0);
  });
});
