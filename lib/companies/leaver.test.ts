// A leaver loses access, a role check under the company lock, a suspended company is read-only: on the real database, through the token endpoint and the Hello API as a
// client calls them: a leaver loses every secret and token of their apps (and a reassigned app's old
// tokens stay refused: the per-app "not before" cut-off); roles are read after the company lock; a
// suspended company is read-only for its members. Each test failed before the change.
import { describe, expect, it } from "vitest";
import { call, tokenFor } from "../../tests/api-v1";
import { expectAppError } from "../../tests/assertions";
import { withLongClientCache } from "../../tests/client-cache";
import { PASSWORD } from "../../tests/factories/constants";
import { addPerson, ctx, makeDeveloperCompany, registration } from "../../tests/factories/domain";
import { basicHeader } from "../../tests/factories/oauth";
import { makeUser } from "../../tests/factories/people";
import { updateApp } from "../apps/manage-app";
import { registerApp } from "../apps/register-app";
import { newAppSecret, revealClientSecret, rotateClientSecret } from "../apps/secrets";
import { db } from "../db";
import { env } from "../env";
import { handleTokenRequest } from "../oauth/token-endpoint";
import { handleHello } from "../resource/hello";
import { reassignApp, restoreApp, suspendApp } from "./app-ownership";
import { setCompanyStatus } from "./companies";
import { lockCompany } from "./guards";
import { addMember, removeMember, setMemberRoles } from "./members";

const post = (clientId: string, secret: string, body: string) =>
  handleTokenRequest(
    new Request("http://localhost/oauth2/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: basicHeader(clientId, secret) },
      body,
    }),
  );
const hello = (accessToken: string) =>
  handleHello(new Request("http://localhost/api/hello", { headers: { authorization: `Bearer ${accessToken}` } }));
const proof = () => ({ provenAt: Math.floor(Date.now() / 1000) });
const person = (u: { id: string; email: string }) => ({ id: u.id, email: u.email });

/** A company with a developer who registered an app, copied its secret and holds tokens. */
async function leaverWithTokens() {
  const dev = await makeDeveloperCompany();
  const da = await addPerson(dev.company, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  const next = await addPerson(dev.company, ["API_DEVELOPER"]);
  const app = await registerApp(
    dev.actor,
    registration(dev.hello.id, { grantTypes: ["client_credentials", "password", "refresh_token"] }),
    ctx,
  );
  const { secret } = await revealClientSecret(dev.actor, app.id, proof(), ctx);
  const cc = (await (await post(app.clientId, secret, "grant_type=client_credentials")).json()) as { access_token: string };
  const pw = (await (
    await post(
      app.clientId,
      secret,
      `grant_type=password&username=${encodeURIComponent(dev.user.email)}&password=${encodeURIComponent(PASSWORD)}`,
    )
  ).json()) as { access_token: string; refresh_token: string };
  expect(pw.refresh_token).toBeTruthy();
  expect((await hello(cc.access_token)).status).toBe(200);
  expect((await hello(pw.access_token)).status).toBe(200);
  const membership = await db().membership.findFirstOrThrow({ where: { companyId: dev.company.id, userId: dev.user.id } });
  return { ...dev, da, next, app, secret, cc, pw, membershipId: membership.id };
}

/** Everything the leaver held is refused: the secret, both access tokens, the refresh token. */
async function expectAllRefused(t: Awaited<ReturnType<typeof leaverWithTokens>>) {
  expect((await post(t.app.clientId, t.secret, "grant_type=client_credentials")).status).toBe(401);
  expect((await hello(t.cc.access_token)).status).toBe(401);
  expect((await hello(t.pw.access_token)).status).toBe(401);
  const refreshed = await post(
    t.app.clientId,
    t.secret,
    `grant_type=refresh_token&refresh_token=${encodeURIComponent(t.pw.refresh_token)}`,
  );
  expect(refreshed.status).toBeGreaterThanOrEqual(400);
}

withLongClientCache();

describe("a leaver loses access", () => {
  it("removing the member revokes their copied secret and every token; reassigning issues a new secret only the new owner sees", async () => {
    const t = await leaverWithTokens();
    const done = await removeMember(t.da.actor.user, t.company.id, t.membershipId, { confirm: true }, ctx);
    expect(done.outcome).toBe("removed");
    await expectAllRefused(t);
    const row = await db().app.findUniqueOrThrow({ where: { id: t.app.id } });
    expect(row).toMatchObject({ status: "SUSPENDED", suspendedKind: "LEAVER" });
    expect(row.tokensNotBefore).toBeInstanceOf(Date);
    expect(await db().clientSecret.count({ where: { appId: t.app.id, revokedAt: null } })).toBe(0);
    expect(await db().refreshToken.count({ where: { appId: t.app.id, revokedAt: null } })).toBe(0);

    // Contract decision: a leaver's app is not restored, it is reassigned.
    await expectAppError(restoreApp(t.da.actor.user, t.company.id, t.app.id, ctx), "conflict");
    await reassignApp(t.da.actor.user, t.company.id, t.app.id, { toUserId: t.next.user.id }, ctx);
    // Active again, and still nothing the leaver held works (before: the old secret and token did).
    await expectAllRefused(t);
    const newOwner = { ...t.next.actor };
    const fresh = await revealClientSecret(newOwner, t.app.id, proof(), ctx);
    expect(fresh.secret).not.toBe(t.secret);
    const issued = await post(t.app.clientId, fresh.secret, "grant_type=client_credentials");
    expect(issued.status).toBe(200);
    expect((await hello(((await issued.json()) as { access_token: string }).access_token)).status).toBe(200);
    // The leaver, acting on what their browser still believes, sees nothing.
    await expectAppError(revealClientSecret(t.actor, t.app.id, proof(), ctx), "not_found");
    const audit = await db().auditLog.findFirstOrThrow({ where: { targetId: t.app.id, event: "app.reassigned" } });
    expect((audit.metadata as { issuedCredentialId?: string }).issuedCredentialId).toBe(fresh.secretId);
  });

  it("removing the member revokes their personal access tokens for the company, each audited; the management API refuses them", async () => {
    const t = await leaverWithTokens();
    const pat = await tokenFor(t.user, t.company.id, ["apps:read"]);
    expect((await call("GET", "/apps", { token: pat.token })).status).toBe(200);
    await removeMember(t.da.actor.user, t.company.id, t.membershipId, { confirm: true }, ctx);
    expect((await db().personalAccessToken.findUniqueOrThrow({ where: { id: pat.id } })).revokedAt).toBeInstanceOf(Date);
    const audit = await db().auditLog.findFirstOrThrow({ where: { targetId: pat.id, event: "personal_token.revoked" } });
    expect(audit).toMatchObject({ actorId: t.da.actor.user.id, companyId: t.company.id });
    expect(audit.metadata).toMatchObject({ owner: t.user.email, reason: "owner removed from the company" });
    expect((await call("GET", "/apps", { token: pat.token })).status).toBe(401);
  });

  it("taking API Developer away does the same, and the member can no longer reveal or rotate with their stale session roles", async () => {
    const t = await leaverWithTokens();
    const needs = await setMemberRoles(t.da.actor.user, t.company.id, t.membershipId, { roles: ["DELEGATED_ADMIN"] }, {}, ctx);
    expect(needs.outcome).toBe("needs_confirmation");
    expect((await hello(t.cc.access_token)).status).toBe(200); // nothing happens before the confirmation
    await setMemberRoles(t.da.actor.user, t.company.id, t.membershipId, { roles: ["DELEGATED_ADMIN"] }, { confirm: true }, ctx);
    await expectAllRefused(t);
    // t.actor still says API_DEVELOPER (what the page was rendered with): the lock-side re-read refuses.
    const refused = await revealClientSecret(t.actor, t.app.id, proof(), ctx).then(
      () => null,
      (e: Error) => e,
    );
    expect(refused).not.toBeNull();
    await expect(rotateClientSecret(t.actor, t.app.id, { graceHours: 0 }, ctx)).rejects.toThrow();
    await reassignApp(t.da.actor.user, t.company.id, t.app.id, { toUserId: t.next.user.id }, ctx);
    await expectAllRefused(t);
    const { secret } = await newAppSecret(t.next.actor, t.app.id);
    expect((await post(t.app.clientId, secret, "grant_type=client_credentials")).status).toBe(200);
  });

  it("an app a Delegated Administrator suspended comes back with a plain restore, its tokens intact", async () => {
    const t = await leaverWithTokens();
    await suspendApp(t.da.actor.user, t.company.id, t.app.id, { reason: "Checking a report" }, ctx);
    expect((await hello(t.cc.access_token)).status).toBe(401);
    await restoreApp(t.da.actor.user, t.company.id, t.app.id, ctx);
    expect((await hello(t.cc.access_token)).status).toBe(200);
    expect((await post(t.app.clientId, t.secret, "grant_type=client_credentials")).status).toBe(200);
  });
});

describe("roles are read after the company lock", () => {
  it("a Delegated Administrator demoted while their removal of someone waits for the lock is refused", async () => {
    const dev = await makeDeveloperCompany();
    const da1 = await addPerson(dev.company, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
    const da2 = await addPerson(dev.company, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
    const victim = await db().membership.findFirstOrThrow({ where: { companyId: dev.company.id, userId: dev.user.id } });
    const da2Membership = await db().membership.findFirstOrThrow({ where: { companyId: dev.company.id, userId: da2.user.id } });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Transaction A (da1 demoting da2) holds the company lock while da2's removal starts.
    const demotion = db().$transaction(
      async (tx) => {
        await lockCompany(tx, dev.company.id);
        await tx.roleAssignment.deleteMany({ where: { membershipId: da2Membership.id, role: "DELEGATED_ADMIN" } });
        locked();
        await gate;
      },
      { timeout: 20_000 },
    );
    await isLocked;
    const removal = removeMember(person(da2.user), dev.company.id, victim.id, { confirm: true }, ctx).then(
      () => "removed",
      (e: { code?: string }) => e.code ?? "error",
    );
    // Release A only once the removal waits for the company lock. PostgreSQL shows the waiting lock; on
    // SQLite the transactions of this process run one after the other, so a short pause is all it takes.
    if (env().databaseKind === "postgresql") {
      for (let i = 0; i < 200; i++) {
        const [row] = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS "n" FROM pg_locks WHERE NOT granted`);
        if ((row?.n ?? 0) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } else await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await demotion;
    expect(await removal).toBe("not_found");
    expect(await db().membership.count({ where: { id: victim.id } })).toBe(1);
    void da1;
  });
});

describe("a suspended company is read-only for its members", () => {
  it("refuses member changes, secrets, registration and app edits until the platform administrator restores it", async () => {
    const t = await leaverWithTokens();
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const other = await makeUser(db());
    await setCompanyStatus(person(admin), t.company.id, "SUSPENDED", ctx);
    const da = t.da.actor.user;
    await expectAppError(addMember(da, t.company.id, { email: other.email, roles: ["API_DEVELOPER"] }, ctx), "forbidden");
    await expectAppError(removeMember(da, t.company.id, t.membershipId, { confirm: true }, ctx), "forbidden");
    await expectAppError(
      setMemberRoles(da, t.company.id, t.membershipId, { roles: ["DELEGATED_ADMIN"] }, { confirm: true }, ctx),
      "forbidden",
    );
    await expectAppError(reassignApp(da, t.company.id, t.app.id, { toUserId: t.next.user.id }, ctx), "forbidden");
    await expectAppError(suspendApp(da, t.company.id, t.app.id, { reason: "x" }, ctx), "forbidden");
    // The developer acts with what their session said before the suspension (companyStatus ACTIVE).
    await expectAppError(revealClientSecret(t.actor, t.app.id, proof(), ctx), "forbidden");
    await expectAppError(rotateClientSecret(t.actor, t.app.id, { graceHours: 0 }, ctx), "forbidden");
    await expectAppError(registerApp(t.actor, registration(t.hello.id), ctx), "forbidden");
    await expectAppError(updateApp(t.actor, t.app.id, { name: "Renamed app", description: "", apiIds: [t.hello.id] }, ctx), "forbidden");
    expect(await db().membership.count({ where: { companyId: t.company.id } })).toBe(3);
    expect(
      await db().auditLog.count({ where: { targetId: t.app.id, event: { in: ["app.updated", "secret.rotated", "secret.revealed"] } } }),
    ).toBe(1);

    await setCompanyStatus(person(admin), t.company.id, "ACTIVE", ctx);
    const r = await addMember(da, t.company.id, { email: other.email, roles: ["API_DEVELOPER"] }, ctx);
    expect(r.outcome).toBe("added");
    expect((await revealClientSecret(t.actor, t.app.id, proof(), ctx)).secret).toBe(t.secret);
  });
});
