import { describe, expect, it } from "vitest";
import { ctx, makeDeveloperCompany, registered } from "../../tests/factories/domain";
import { db } from "../db";
import { verifyClientSecret } from "./client-auth";
import { generateClientSecret } from "./credentials";
import { setAppStatus } from "./manage-app";
import { revealClientSecret, rotateClientSecret } from "./secrets";

const nowSeconds = () => Math.floor(Date.now() / 1000);
const HOUR = 3_600_000;

async function appWithSecret(overrides = {}) {
  const dev = await makeDeveloperCompany();
  const app = await registered(dev.actor, dev.hello.id, overrides);
  const { secret } = await revealClientSecret(dev.actor, app.id, { provenAt: nowSeconds() }, ctx);
  return { ...dev, app, secret };
}

describe("verifyClientSecret", () => {
  it("answers the app for its client id and secret, without anything secret in the answer", async () => {
    const { app, secret, company, user } = await appWithSecret({
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUri: "https://web.example.com/cb",
    });
    const found = await verifyClientSecret(app.clientId, secret);
    expect(found).toEqual({
      id: app.id,
      clientId: app.clientId,
      companyId: company.id,
      name: expect.any(String),
      status: "ACTIVE",
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUri: "https://web.example.com/cb",
      createdById: user.id,
    });
  });

  it("answers null for a wrong, malformed or foreign secret and an unknown client", async () => {
    const a = await appWithSecret();
    const b = await appWithSecret();
    expect(await verifyClientSecret(a.app.clientId, generateClientSecret())).toBeNull();
    expect(await verifyClientSecret(a.app.clientId, b.secret)).toBeNull();
    expect(await verifyClientSecret(a.app.clientId, a.secret.slice(0, -1) + (a.secret.endsWith("a") ? "b" : "a"))).toBeNull();
    expect(await verifyClientSecret(a.app.clientId, "")).toBeNull();
    expect(await verifyClientSecret("apc_" + "x".repeat(24), a.secret)).toBeNull();
    expect(await verifyClientSecret("' OR 1=1 --", a.secret)).toBeNull();
    expect(await verifyClientSecret(undefined as unknown as string, a.secret)).toBeNull();
  });

  it("keeps the old secret working until the end of its grace period after a rotation", async () => {
    const { actor, app, secret: old } = await appWithSecret();
    const rotatedAt = new Date();
    const rotation = await rotateClientSecret(actor, app.id, { graceHours: 24 }, ctx, rotatedAt);
    expect(rotation.previousExpiresAt?.getTime()).toBe(rotatedAt.getTime() + 24 * HOUR);
    const { secret: fresh } = await revealClientSecret(actor, app.id, { provenAt: nowSeconds() }, ctx);
    expect(fresh).not.toBe(old);

    const during = new Date(rotatedAt.getTime() + 23 * HOUR);
    const after = new Date(rotatedAt.getTime() + 24 * HOUR + 1000);
    expect((await verifyClientSecret(app.clientId, old, { now: during }))?.id).toBe(app.id);
    expect((await verifyClientSecret(app.clientId, fresh, { now: during }))?.id).toBe(app.id);
    expect(await verifyClientSecret(app.clientId, old, { now: after })).toBeNull();
    expect((await verifyClientSecret(app.clientId, fresh, { now: after }))?.id).toBe(app.id);
  });

  it("ends the old secret at once with no grace, and a second rotation ends the one in grace", async () => {
    const { actor, app, secret: first } = await appWithSecret();
    await rotateClientSecret(actor, app.id, { graceHours: 0 }, ctx);
    expect(await verifyClientSecret(app.clientId, first)).toBeNull();
    const { secret: second } = await revealClientSecret(actor, app.id, { provenAt: nowSeconds() }, ctx);
    await rotateClientSecret(actor, app.id, { graceHours: 24 }, ctx);
    const { secret: third } = await revealClientSecret(actor, app.id, { provenAt: nowSeconds() }, ctx);
    await rotateClientSecret(actor, app.id, { graceHours: 24 }, ctx);
    const { secret: fourth } = await revealClientSecret(actor, app.id, { provenAt: nowSeconds() }, ctx);
    expect(await verifyClientSecret(app.clientId, second)).toBeNull();
    expect(await verifyClientSecret(app.clientId, third)).not.toBeNull();
    expect(await verifyClientSecret(app.clientId, fourth)).not.toBeNull();
    const live = await db().clientSecret.count({ where: { appId: app.id, revokedAt: null } });
    expect(live).toBe(2);
  });

  it("refuses an inactive app or a suspended company unless asked to include them", async () => {
    const { actor, app, secret, company } = await appWithSecret();
    await setAppStatus(actor, app.id, "INACTIVE", ctx);
    expect(await verifyClientSecret(app.clientId, secret)).toBeNull();
    expect((await verifyClientSecret(app.clientId, secret, { includeInactive: true }))?.status).toBe("INACTIVE");
    await setAppStatus(actor, app.id, "ACTIVE", ctx);
    expect(await verifyClientSecret(app.clientId, secret)).not.toBeNull();
    await db().company.update({ where: { id: company.id }, data: { status: "SUSPENDED" } });
    expect(await verifyClientSecret(app.clientId, secret)).toBeNull();
  });

  it("refuses a revoked secret", async () => {
    const { app, secret } = await appWithSecret();
    await db().clientSecret.updateMany({ where: { appId: app.id }, data: { revokedAt: new Date() } });
    expect(await verifyClientSecret(app.clientId, secret)).toBeNull();
  });
});
