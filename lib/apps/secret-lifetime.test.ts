// Secret lifetimes: the company's policy gives new and rotated secrets an end, existing secrets the
// policy's lifetime from the day it is set (at least 30 days), reminders at 30, 7 and 1 days by mail and
// webhook (the job run with the clock moved through its `now`), and an expired secret refused by the
// token service with a description that says so.
import { describe, expect, it } from "vitest";
import { expectAppError } from "../../tests/assertions";
import { makeCompany } from "../../tests/factories/companies";
import { actorOf, catalog, ctx, registered } from "../../tests/factories/domain";
import { basicHeader } from "../../tests/factories/oauth";
import { addMember, makeUser } from "../../tests/factories/people";
import { makeWebhookEndpoint } from "../../tests/factories/webhooks";
import { db } from "../db";
import { authenticateClient, clearClientCache } from "../oauth/clients";
import { OAuthError } from "../oauth/errors";
import { parseParams } from "../oauth/params";
import { remindExpiringSecrets, setSecretLifetimePolicy } from "./secret-lifetime";
import { rotateClientSecret } from "./secrets";

const DAY = 86_400_000;

async function companyWithApp() {
  const { hello } = await catalog();
  const company = await makeCompany(db());
  const da = await makeUser(db());
  await addMember(db(), company.id, da.id, ["DELEGATED_ADMIN"]);
  const dev = await makeUser(db());
  await addMember(db(), company.id, dev.id, ["API_DEVELOPER"]);
  const actor = actorOf(dev, company, ["API_DEVELOPER"]);
  const app = await registered(actor, hello.id);
  return { company, da: { id: da.id, email: da.email }, dev, actor, app };
}

const liveSecrets = (appId: string) =>
  db().clientSecret.findMany({ where: { appId, revokedAt: null }, orderBy: { createdAt: "desc" }, select: { id: true, expiresAt: true } });

describe("the policy", () => {
  it("ends existing secrets after max(policy, 30 days) from the day it is set, and new ones after the policy", async () => {
    const { company, da, actor, app } = await companyWithApp();
    const [before] = await liveSecrets(app.id);
    expect(before!.expiresAt).toBeNull();

    const t0 = new Date(Date.now() + DAY);
    expect(await setSecretLifetimePolicy(da, company.id, "10", ctx, t0)).toMatchObject({ days: 10, shortened: 1 });
    expect((await liveSecrets(app.id))[0]!.expiresAt).toEqual(new Date(t0.getTime() + 30 * DAY));

    // A longer policy later does not lengthen an end already set; a shorter one (≥ 30 days) shortens it.
    const t1 = new Date(t0.getTime() + DAY);
    await setSecretLifetimePolicy(da, company.id, "90", ctx, t1);
    expect((await liveSecrets(app.id))[0]!.expiresAt).toEqual(new Date(t0.getTime() + 30 * DAY));

    const rotated = await rotateClientSecret(actor, app.id, { graceHours: "0" }, ctx, t1);
    const [current] = await liveSecrets(app.id);
    expect(current!.id).toBe(rotated.secretId);
    expect(current!.expiresAt).toEqual(new Date(t1.getTime() + 90 * DAY));

    // Blank: new secrets never end.
    await setSecretLifetimePolicy(da, company.id, "", ctx, t1);
    const again = await rotateClientSecret(actor, app.id, { graceHours: "0" }, ctx, t1);
    expect((await db().clientSecret.findUniqueOrThrow({ where: { id: again.secretId } })).expiresAt).toBeNull();

    await expectAppError(setSecretLifetimePolicy(da, company.id, "0", ctx), "validation");
    await expectAppError(setSecretLifetimePolicy(da, company.id, "ten", ctx), "validation");
    await expectAppError(setSecretLifetimePolicy({ id: actor.user.id, email: actor.user.email }, company.id, "30", ctx), "not_found");
    const audit = await db().auditLog.findMany({ where: { companyId: company.id, event: "company.secret_lifetime_changed" } });
    expect(audit).toHaveLength(3);
  });
});

describe("reminders", () => {
  it("mails the owner and the Delegated Administrators and sends the webhook event at 30, 7 and 1 days, once each", async () => {
    const { company, da, dev, app } = await companyWithApp();
    await makeWebhookEndpoint(db(), company.id, ["app.secret_expiring"]);
    const t0 = new Date(Date.now() + 2 * DAY);
    await setSecretLifetimePolicy(da, company.id, "45", ctx, t0);
    const end = (await liveSecrets(app.id))[0]!.expiresAt!;
    const { name } = await db().app.findUniqueOrThrow({ where: { id: app.id } });
    expect(end).toEqual(new Date(t0.getTime() + 45 * DAY));

    const reminders = async () =>
      (
        await db().outboxMail.findMany({
          where: { subject: { contains: `The Client Secret of ${name} expires` } },
          orderBy: { createdAt: "asc" },
        })
      ).map((m) => [m.toAddress, m.subject.replace(/.* expires in /, "")]);
    const events = async () =>
      (
        await db().webhookMessage.findMany({ where: { companyId: company.id, type: "app.secret_expiring" }, orderBy: { createdAt: "asc" } })
      ).map((m) => JSON.parse(m.payload).data.daysLeft);

    // Nothing 31 days before the end.
    await remindExpiringSecrets(new Date(end.getTime() - 31 * DAY));
    expect(await reminders()).toEqual([]);
    // 30 days before: one reminder to each, and the event; running again sends nothing more.
    await remindExpiringSecrets(new Date(end.getTime() - 30 * DAY));
    await remindExpiringSecrets(new Date(end.getTime() - 29 * DAY));
    expect((await reminders()).sort()).toEqual(
      [
        [da.email, "30 days"],
        [dev.email, "30 days"],
      ].sort(),
    );
    expect(await events()).toEqual([30]);
    await remindExpiringSecrets(new Date(end.getTime() - 7 * DAY + 60_000));
    await remindExpiringSecrets(new Date(end.getTime() - DAY + 60_000));
    await remindExpiringSecrets(new Date(end.getTime() - 3_600_000));
    expect((await reminders()).map((r) => r[1])).toEqual(["30 days", "30 days", "7 days", "7 days", "1 day", "1 day"]);
    expect(await events()).toEqual([30, 7, 1]);
  });
});

describe("an expired secret", () => {
  it("is refused with invalid_client saying it expired", async () => {
    const { company, da, actor, app } = await companyWithApp();
    // The policy set and the secret rotated 40 days ago: the new secret ended 10 days ago.
    const past = new Date(Date.now() - 40 * DAY);
    await setSecretLifetimePolicy(da, company.id, "30", ctx, past);
    await rotateClientSecret(actor, app.id, { graceHours: "0" }, ctx, past);
    const { secret } = await import("./secrets").then((m) => m.currentSecret(db(), app.id, past));
    clearClientCache();
    const error = await authenticateClient(basicHeader(app.clientId, secret), parseParams(new URLSearchParams())).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ code: "invalid_client", status: 401 });
    expect((error as OAuthError).message).toMatch(/expired/);
    // A wrong secret is still the plain refusal.
    const wrong = await authenticateClient(
      basicHeader(app.clientId, `${secret.slice(0, -4)}AAAA`),
      parseParams(new URLSearchParams()),
    ).catch((e: unknown) => e);
    expect((wrong as OAuthError).message).not.toMatch(/expired/);
  });
});
