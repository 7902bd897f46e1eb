import { describe, expect, it } from "vitest";
import { refusal } from "../../tests/assertions";
import { addPerson, ctx, makeDeveloperCompany, registered } from "../../tests/factories/domain";
import { db } from "../db";
import { newId } from "../ids";
import { getAppDetail } from "./queries";
import { newAppSecret, REAUTH_REQUIRED, revealClientSecret, rotateClientSecret } from "./secrets";

const nowSeconds = () => Math.floor(Date.now() / 1000);

const codeOf = async (p: Promise<unknown>) => (await refusal(p)).code;

describe("showing a Client Secret again", () => {
  it("needs a password proof from the last 10 minutes and audits every reveal", async () => {
    const { actor, hello, company } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id);
    const stale = revealClientSecret(actor, app.id, { provenAt: nowSeconds() - 601 }, ctx);
    await expect(stale).rejects.toThrow(REAUTH_REQUIRED);
    expect(await codeOf(revealClientSecret(actor, app.id, { provenAt: nowSeconds() - 601 }, ctx))).toBe("unauthenticated");
    expect(await db().auditLog.count({ where: { targetId: app.id, event: "secret.revealed" } })).toBe(0);

    const first = await revealClientSecret(actor, app.id, { provenAt: nowSeconds() - 599 }, ctx);
    const second = await revealClientSecret(actor, app.id, { provenAt: nowSeconds() }, ctx);
    expect(second.secret).toBe(first.secret);
    const audits = await db().auditLog.findMany({ where: { targetId: app.id, event: "secret.revealed" } });
    expect(audits).toHaveLength(2);
    for (const a of audits) {
      expect(a).toMatchObject({ companyId: company.id, actorId: actor.user.id, ip: ctx.ip, userAgent: "vitest" });
      expect(JSON.stringify(a.metadata)).not.toContain(first.secret);
    }
  });

  it("shows secrets only to the developer who registered the app; others get not found or forbidden", async () => {
    const { actor, hello, company } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id);
    const proof = { provenAt: nowSeconds() };
    const admin = await addPerson(company, ["DELEGATED_ADMIN"]);
    const colleague = await addPerson(company, ["API_DEVELOPER"]);
    const stranger = await makeDeveloperCompany();
    expect(await codeOf(revealClientSecret(admin.actor, app.id, proof, ctx))).toBe("forbidden");
    expect(await codeOf(revealClientSecret(colleague.actor, app.id, proof, ctx))).toBe("not_found");
    expect(await codeOf(revealClientSecret(stranger.actor, app.id, proof, ctx))).toBe("not_found");
    expect(await codeOf(newAppSecret(stranger.actor, app.id))).toBe("not_found");
    expect(await codeOf(rotateClientSecret(admin.actor, app.id, {}, ctx))).toBe("forbidden");
    expect(await codeOf(rotateClientSecret(stranger.actor, app.id, {}, ctx))).toBe("not_found");
    expect(await db().auditLog.count({ where: { targetId: app.id, event: { in: ["secret.revealed", "secret.rotated"] } } })).toBe(0);
  });

  it("rotates with a chosen grace period, shows the old one's end and keeps at most two live", async () => {
    const { actor, hello } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id);
    const before = await getAppDetail(actor, app.id);
    expect(before.secrets).toHaveLength(1);
    expect(before.secrets[0]!.expiresAt).toBeNull();

    const at = new Date();
    const r1 = await rotateClientSecret(actor, app.id, { graceHours: "72" }, ctx, at);
    expect(r1.previousExpiresAt?.getTime()).toBe(at.getTime() + 72 * 3_600_000);
    const during = await getAppDetail(actor, app.id);
    expect(during.secrets.map((s) => s.expiresAt?.getTime() ?? null)).toEqual([null, at.getTime() + 72 * 3_600_000]);
    expect(during.secrets[0]!.id).toBe(r1.secretId);
    expect(JSON.stringify(during)).not.toMatch(/apcs_|ciphertext|digest/);

    await rotateClientSecret(actor, app.id, {}, ctx);
    await rotateClientSecret(actor, app.id, {}, ctx);
    const live = await getAppDetail(actor, app.id);
    expect(live.secrets).toHaveLength(2);
    expect(await db().clientSecret.count({ where: { appId: app.id } })).toBe(4);
    expect(await db().auditLog.count({ where: { targetId: app.id, event: "secret.rotated" } })).toBe(3);
    expect(await codeOf(rotateClientSecret(actor, app.id, { graceHours: 5 }, ctx))).toBe("validation");
  });

  it("keeps at most two live secrets when rotations race", async () => {
    const { actor, hello } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id);
    await Promise.all([0, 1, 2, 3].map(() => rotateClientSecret(actor, app.id, { graceHours: 24 }, ctx)));
    const live = await db().clientSecret.count({ where: { appId: app.id, revokedAt: null } });
    expect(live).toBe(2);
  });

  it("answers not found for a record id that is not an app of the company", async () => {
    const { actor } = await makeDeveloperCompany();
    expect(await codeOf(revealClientSecret(actor, newId("app"), { provenAt: nowSeconds() }, ctx))).toBe("not_found");
  });
});
