// "Last used" and stale apps: a token issued through the token endpoint's pipeline is noted in memory
// only, written by flushLastUsed() (app and secret, time and address; never moved back by an older
// note); an app without a token for CONSOLE_STALE_APP_DAYS is stale with the clock moved through `now`;
// "Deactivate stale apps" is for Delegated Administrators, audited per app with the webhook event; the
// weekly digest mails the company's Delegated Administrators.
import { beforeAll, describe, expect, it } from "vitest";
import { expectAppError } from "../../tests/assertions";
import { addPerson, catalog, ctx, makeDeveloperCompany, registered } from "../../tests/factories/domain";
import { addSecret, basicHeader, makeOAuthApp } from "../../tests/factories/oauth";
import { makeWebhookEndpoint } from "../../tests/factories/webhooks";
import { db } from "../db";
import { env } from "../env";
import type { OAuthHttpRequest } from "../oauth/params";
import { processTokenRequest } from "../oauth/token-endpoint";
import { flushLastUsed, pendingLastUsed, recordLastUse } from "./last-used";
import { countStaleApps, deactivateStaleApps, isStaleApp, mailStaleAppDigest } from "./stale";

const DAY = 86_400_000;

beforeAll(async () => {
  await catalog(); // the Hello API the apps subscribe to
});

const tokenRequest = (clientId: string, secret: string, ip: string): OAuthHttpRequest => ({
  method: "POST",
  contentType: "application/x-www-form-urlencoded",
  authorization: basicHeader(clientId, secret),
  body: "grant_type=client_credentials",
  ip,
  userAgent: "vitest",
});

describe("last used", () => {
  it("is noted in memory when a token is issued and written by the flush, for the app and the secret", async () => {
    const app = await makeOAuthApp(db());
    const answer = await processTokenRequest(tokenRequest(app.clientId, app.clientSecret, "198.51.100.9"));
    expect(answer.status).toBe(200);
    // Nothing written by the request itself.
    expect(pendingLastUsed()).toBeGreaterThan(0);
    expect((await db().app.findUniqueOrThrow({ where: { id: app.appId } })).lastUsedAt).toBeNull();

    await flushLastUsed();
    expect(pendingLastUsed()).toBe(0);
    const row = await db().app.findUniqueOrThrow({ where: { id: app.appId } });
    expect(row.lastUsedIp).toBe("198.51.100.9");
    expect(row.lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const [secret] = await db().clientSecret.findMany({ where: { appId: app.appId } });
    expect(secret).toMatchObject({ lastUsedIp: "198.51.100.9" });
    expect(secret!.lastUsedAt).toEqual(row.lastUsedAt);

    // A refused request notes nothing.
    const refused = await processTokenRequest(tokenRequest(app.clientId, `${app.clientSecret.slice(0, -1)}x`, "198.51.100.10"));
    expect(refused.status).toBe(401);
    await flushLastUsed();
    expect((await db().app.findUniqueOrThrow({ where: { id: app.appId } })).lastUsedIp).toBe("198.51.100.9");
  });

  it("notes the secret the client presented, of two live ones (a rotation), by the digest client authentication matched", async () => {
    const app = await makeOAuthApp(db());
    const second = await addSecret(db(), app.appId);
    const answer = await processTokenRequest(tokenRequest(app.clientId, second, "198.51.100.20"));
    expect(answer.status).toBe(200);
    await flushLastUsed();
    const secrets = await db().clientSecret.findMany({ where: { appId: app.appId } });
    expect(secrets).toHaveLength(2);
    expect(secrets.filter((s) => s.lastUsedIp !== null).map((s) => [s.lastFour, s.lastUsedIp])).toEqual([
      [second.slice(-4), "198.51.100.20"],
    ]);
  });

  it("never moves back: an older note (another instance, written late) leaves the newer time and address", async () => {
    const app = await makeOAuthApp(db());
    const { digest: secretDigest } = await db().clientSecret.findFirstOrThrow({ where: { appId: app.appId } });
    const now = Date.now();
    recordLastUse(app.appId, "192.0.2.1", secretDigest, now);
    await flushLastUsed();
    recordLastUse(app.appId, "192.0.2.2", secretDigest, now - 10_000);
    await flushLastUsed();
    const row = await db().app.findUniqueOrThrow({ where: { id: app.appId } });
    expect(row).toMatchObject({ lastUsedIp: "192.0.2.1", lastUsedAt: new Date(now) });
    recordLastUse(app.appId, "192.0.2.3", null, now + 1000);
    await flushLastUsed();
    expect((await db().app.findUniqueOrThrow({ where: { id: app.appId } })).lastUsedIp).toBe("192.0.2.3");
    // The secret was not presented that time: its own last use stays.
    expect((await db().clientSecret.findFirstOrThrow({ where: { appId: app.appId } })).lastUsedIp).toBe("192.0.2.1");
  });
});

describe("stale apps", () => {
  it("flags an app without a token for the stale period, lets a DA deactivate them (audited, webhook) and mails the digest", async () => {
    const days = env().staleAppDays;
    const { company, actor } = await makeDeveloperCompany();
    const { user: da } = await addPerson(company, ["DELEGATED_ADMIN"]);
    await makeWebhookEndpoint(db(), company.id, ["app.suspended"]);
    const used = await registered(actor, (await db().api.findUniqueOrThrow({ where: { slug: "hello" } })).id);
    const idle = await registered(actor, (await db().api.findUniqueOrThrow({ where: { slug: "hello" } })).id);
    const t0 = Date.now();
    const row = (id: string) => db().app.findUniqueOrThrow({ where: { id } });

    // Registered now: not stale until the period has passed since registration.
    expect(isStaleApp(await row(idle.id), new Date(t0 + (days - 1) * DAY))).toBe(false);
    expect(isStaleApp(await row(idle.id), new Date(t0 + (days + 1) * DAY))).toBe(true);

    // A token on day 60 keeps the first app fresh until day 60 + the period.
    recordLastUse(used.id, "203.0.113.50", null, t0 + 60 * DAY);
    await flushLastUsed();
    const later = new Date(t0 + (days + 1) * DAY);
    expect(isStaleApp(await row(used.id), later)).toBe(false);
    expect(await countStaleApps(da, company.id, later)).toBe(1);
    expect(await countStaleApps(da, company.id, new Date(t0 + (60 + days + 1) * DAY))).toBe(2);

    // The weekly digest names the idle app to the DA.
    await mailStaleAppDigest(later);
    const digest = await db().outboxMail.findFirstOrThrow({ where: { toAddress: da.email, subject: { contains: "got no token" } } });
    expect(digest.subject).toContain(`1 app of ${company.name}`);
    expect(digest.text).toContain((await row(idle.id)).name);

    // Only a Delegated Administrator deactivates; only the stale apps, one audit entry and one event each.
    await expectAppError(deactivateStaleApps(actor.user, company.id, ctx, later), "not_found");
    const done = await deactivateStaleApps(da, company.id, ctx, later);
    expect(done.names).toEqual([(await row(idle.id)).name]);
    expect((await row(idle.id)).status).toBe("INACTIVE");
    expect((await row(used.id)).status).toBe("ACTIVE");
    const audit = await db().auditLog.findMany({ where: { companyId: company.id, event: "app.deactivated" } });
    expect(audit.map((a) => [a.targetId, a.actorId])).toEqual([[idle.id, da.id]]);
    const events = await db().webhookMessage.findMany({ where: { companyId: company.id, type: "app.suspended" } });
    expect(events.map((e) => JSON.parse(e.payload).data.app.id)).toEqual([idle.id]);
    expect(await countStaleApps(da, company.id, later)).toBe(0);
  });
});
