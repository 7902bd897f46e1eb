import { beforeAll, describe, expect, it } from "vitest";
import { call, json, tokenFor } from "../../tests/api-v1";
import { makeCompany } from "../../tests/factories/companies";
import { addPerson, catalog, makeDeveloperCompany, uniqueName } from "../../tests/factories/domain";
import { addMember as addMembership, makeUser } from "../../tests/factories/people";
import { verifyClientSecret } from "../apps/client-auth";
import { db } from "../db";
import { TOKEN_SCOPE_NAMES, type TokenScope } from "../permissions";
import { ROUTES } from "./routes";

const ALL_COMPANY_SCOPES: TokenScope[] = ["apps:read", "apps:write", "members:read", "members:write", "usage:read", "audit:read"];

async function daCompany() {
  const { hello } = await catalog();
  const company = await makeCompany(db());
  const da = await makeUser(db());
  await addMembership(db(), company.id, da.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  const dev = await makeUser(db());
  await addMembership(db(), company.id, dev.id, ["API_DEVELOPER"]);
  const daToken = await tokenFor(da, company.id, ALL_COMPANY_SCOPES);
  const devToken = await tokenFor(dev, company.id, ["apps:read", "apps:write", "usage:read"]);
  return { company, hello, da, dev, daToken, devToken };
}

const registration = (apiId: string, extra: Record<string, unknown> = {}) => ({
  name: uniqueName("API app"),
  grantTypes: ["client_credentials"],
  apiIds: [apiId],
  acceptTerms: true,
  ...extra,
});

async function registerVia(token: string, apiId: string, extra: Record<string, unknown> = {}) {
  const r = await call("POST", "/apps", { token, body: registration(apiId, extra) });
  expect(r.status).toBe(201);
  return json<{ id: string; clientId: string; clientSecret: string; name: string }>(r);
}

describe("authentication and problems", () => {
  it("answers 401 problem JSON without a token, with a malformed or a revoked one", async () => {
    const none = await call("GET", "/apps");
    expect(none.status).toBe(401);
    expect(none.headers.get("content-type")).toBe("application/problem+json");
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const body = await json(none);
    expect(body).toMatchObject({
      status: 401,
      code: "unauthenticated",
      type: "urn:api-console:problem:unauthenticated",
      title: "Unauthenticated",
    });

    expect((await call("GET", "/apps", { token: "apcp_notatoken" })).status).toBe(401);
    const { dev, devToken, company } = await daCompany();
    // Right shape, wrong checksum.
    const tampered = devToken.token.slice(0, -1) + (devToken.token.endsWith("A") ? "B" : "A");
    expect((await call("GET", "/apps", { token: tampered })).status).toBe(401);
    expect((await call("GET", "/apps", { token: devToken.token })).status).toBe(200);
    await db().personalAccessToken.update({ where: { id: devToken.id }, data: { revokedAt: new Date() } });
    expect((await call("GET", "/apps", { token: devToken.token })).status).toBe(401);
    const expired = await tokenFor(dev, company.id, ["apps:read"]);
    await db().personalAccessToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call("GET", "/apps", { token: expired.token })).status).toBe(401);
  });

  it("sends RateLimit headers and records when the token was last used", async () => {
    const { devToken } = await daCompany();
    const before = await db().personalAccessToken.findUniqueOrThrow({ where: { id: devToken.id } });
    expect(before.lastUsedAt).toBeNull();
    const r = await call("GET", "/apps", { token: devToken.token });
    expect(r.headers.get("ratelimit-limit")).toBe("600");
    expect(Number(r.headers.get("ratelimit-remaining"))).toBeLessThan(600);
    expect(r.headers.get("ratelimit")).toMatch(/^limit=600, remaining=\d+, reset=\d+$/);
    const after = await db().personalAccessToken.findUniqueOrThrow({ where: { id: devToken.id } });
    expect(after.lastUsedAt).toBeInstanceOf(Date);
  });

  it("audits every call with the token's id", async () => {
    const { devToken, company } = await daCompany();
    await call("GET", "/apps", { token: devToken.token });
    const entry = await db().auditLog.findFirstOrThrow({ where: { event: "api.called", targetId: devToken.id } });
    expect(entry.companyId).toBe(company.id);
    expect(entry.metadata).toMatchObject({ operation: "listApps", status: 200, via: { kind: "personal_access_token", id: devToken.id } });
  });
});

describe("apps", () => {
  it("registers with the form's rules, returns the secret once, and records the owner's terms acceptance and the token", async () => {
    const { dev, devToken, hello, company } = await daCompany();
    const app = await registerVia(devToken.token, hello.id);
    expect(app.clientSecret).toMatch(/^apcs_/);
    expect((await verifyClientSecret(app.clientId, app.clientSecret))?.id).toBe(app.id);
    const row = await db().app.findUniqueOrThrow({ where: { id: app.id } });
    expect(row).toMatchObject({ companyId: company.id, createdById: dev.id });
    expect(row.termsAcceptedAt).toBeInstanceOf(Date);
    const audit = await db().auditLog.findFirstOrThrow({ where: { event: "app.registered", targetId: app.id } });
    expect(audit.actorId).toBe(dev.id);
    expect(audit.metadata).toMatchObject({ via: { kind: "personal_access_token", id: devToken.id } });
    // GET never carries the secret.
    const got = await call("GET", `/apps/${app.id}`, { token: devToken.token });
    expect(JSON.stringify(await got.json())).not.toContain(app.clientSecret);

    // Same rules as the form: terms, redirect URL, refresh alone, name taken.
    const noTerms = await call("POST", "/apps", { token: devToken.token, body: registration(hello.id, { acceptTerms: false }) });
    expect(noTerms.status).toBe(422);
    expect((await json<{ errors: Record<string, string[]> }>(noTerms)).errors.acceptTerms).toBeTruthy();
    const noRedirect = await call("POST", "/apps", {
      token: devToken.token,
      body: registration(hello.id, { grantTypes: ["authorization_code"] }),
    });
    expect(noRedirect.status).toBe(422);
    expect((await json<{ errors: Record<string, string[]> }>(noRedirect)).errors.redirectUri).toBeTruthy();
    const taken = await call("POST", "/apps", { token: devToken.token, body: registration(hello.id, { name: app.name }) });
    expect(taken.status).toBe(409);
    expect(await json(taken)).toMatchObject({ code: "conflict" });
  });

  it("lists in cursor pages", async () => {
    const { devToken, hello } = await daCompany();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await registerVia(devToken.token, hello.id)).id);
    const first = await json<{ items: { id: string }[]; nextCursor: string; total: number }>(
      await call("GET", "/apps?limit=2", { token: devToken.token }),
    );
    expect(first.total).toBe(3);
    expect(first.items.map((a) => a.id)).toEqual([ids[2], ids[1]]);
    const second = await json<{ items: { id: string }[]; nextCursor: string | null }>(
      await call("GET", `/apps?limit=2&cursor=${first.nextCursor}`, { token: devToken.token }),
    );
    expect(second.items.map((a) => a.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it("updates with ETag and If-Match: a stale ETag answers 412; Redirect URL and grant types are fixed", async () => {
    const { devToken, hello } = await daCompany();
    const app = await registerVia(devToken.token, hello.id);
    const got = await call("GET", `/apps/${app.id}`, { token: devToken.token });
    const etag = got.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const renamed = uniqueName("Renamed");
    const ok = await call("PATCH", `/apps/${app.id}`, { token: devToken.token, body: { name: renamed }, headers: { "if-match": etag } });
    expect(ok.status).toBe(200);
    expect((await json(ok)).name).toBe(renamed);
    expect(ok.headers.get("etag")).not.toBe(etag);
    const stale = await call("PATCH", `/apps/${app.id}`, {
      token: devToken.token,
      body: { name: uniqueName() },
      headers: { "if-match": etag },
    });
    expect(stale.status).toBe(412);
    expect(await json(stale)).toMatchObject({ status: 412, code: "conflict" });
    expect((await db().app.findUniqueOrThrow({ where: { id: app.id } })).name).toBe(renamed);
    const fixed = await call("PATCH", `/apps/${app.id}`, { token: devToken.token, body: { redirectUri: "https://x.example.com/cb" } });
    expect(fixed.status).toBe(422);
    const staleDelete = await call("DELETE", `/apps/${app.id}`, { token: devToken.token, headers: { "if-match": etag } });
    expect(staleDelete.status).toBe(412);
  });

  it("rotates with grace, deactivates, reactivates and deletes", async () => {
    const { devToken, hello } = await daCompany();
    const app = await registerVia(devToken.token, hello.id);
    const rotated = await call("POST", `/apps/${app.id}/secret/rotate`, { token: devToken.token, body: { graceHours: 1 } });
    expect(rotated.status).toBe(201);
    const r = await json<{ clientSecret: string; previousExpiresAt: string }>(rotated);
    expect(r.clientSecret).not.toBe(app.clientSecret);
    expect(new Date(r.previousExpiresAt).getTime()).toBeGreaterThan(Date.now());
    expect((await verifyClientSecret(app.clientId, r.clientSecret))?.id).toBe(app.id);
    expect((await verifyClientSecret(app.clientId, app.clientSecret))?.id).toBe(app.id);
    expect((await call("POST", `/apps/${app.id}/secret/rotate`, { token: devToken.token, body: { graceHours: 5 } })).status).toBe(422);

    const off = await call("POST", `/apps/${app.id}/deactivate`, { token: devToken.token });
    expect(off.status).toBe(200);
    expect((await json(off)).status).toBe("INACTIVE");
    const on = await call("POST", `/apps/${app.id}/reactivate`, { token: devToken.token });
    expect((await json(on)).status).toBe("ACTIVE");
    expect((await call("DELETE", `/apps/${app.id}`, { token: devToken.token })).status).toBe(204);
    expect((await call("GET", `/apps/${app.id}`, { token: devToken.token })).status).toBe(404);
  });
});

describe("a token never holds more than its owner", () => {
  it("refuses scopes the owner's roles do not allow at creation", async () => {
    const { dev, company } = await daCompany();
    await expect(tokenFor(dev, company.id, ["members:write"])).rejects.toMatchObject({ code: "forbidden" });
    await expect(tokenFor(dev, company.id, ["admin"])).rejects.toMatchObject({ code: "forbidden" });
    await expect(tokenFor(dev, company.id, ["apps:read"], 400)).rejects.toMatchObject({ code: "validation" });
  });

  it("narrows at once when the owner loses a role, and needs the route's scope", async () => {
    const { dev, devToken, hello, company } = await daCompany();
    const readOnly = await tokenFor(dev, company.id, ["apps:read"]);
    const noScope = await call("POST", "/apps", { token: readOnly.token, body: registration(hello.id) });
    expect(noScope.status).toBe(403);
    expect(await json(noScope)).toMatchObject({ code: "forbidden" });
    expect((await call("POST", "/apps", { token: devToken.token, body: registration(hello.id) })).status).toBe(201);
    await db().roleAssignment.deleteMany({ where: { role: "API_DEVELOPER", membership: { userId: dev.id, companyId: company.id } } });
    expect((await call("POST", "/apps", { token: devToken.token, body: registration(hello.id) })).status).toBe(403);
    expect((await call("GET", "/apps", { token: devToken.token })).status).toBe(403);
  });

  it("every route refuses a token without its scope (403)", async () => {
    const { daToken } = await daCompany();
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const company = await makeCompany(db());
    await addMembership(db(), company.id, admin.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
    for (const route of ROUTES) {
      if (!route.scope) continue;
      const others = TOKEN_SCOPE_NAMES.filter((s) => s !== route.scope);
      const t = await tokenFor(admin, company.id, others);
      const url = route.path.replace(/\{(\w+)\}/g, "x_1");
      const r = await call(route.method, url, { token: t.token, body: route.body ? {} : undefined });
      expect(r.status, `${route.method} ${route.path}`).toBe(403);
    }
    expect(daToken.token).toMatch(/^apcp_/);
  }, 180_000); // many sequential calls: bounded work, slow only on a loaded machine
});

describe("roles per route", () => {
  it("a member without roles is refused by every route (403 where the route names a permission, else 404)", async () => {
    const { da, daToken, company, hello } = await daCompany();
    const app = await registerVia(daToken.token, hello.id);
    await db().roleAssignment.deleteMany({ where: { membership: { userId: da.id, companyId: company.id } } });
    for (const route of ROUTES) {
      if (!route.scope || route.scope === "admin") continue;
      const url = route.path.replace("{appId}", app.id).replace(/\{(\w+)\}/g, "x_1");
      const r = await call(route.method, url, { token: daToken.token, body: route.body ? {} : undefined });
      const expected = route.permission && "company" in route.permission ? [403] : [403, 404];
      expect(expected, `${route.method} ${route.path} answered ${r.status}`).toContain(r.status);
    }
  }, 180_000); // many sequential calls: bounded work, slow only on a loaded machine

  it("a developer sees only their own apps; a DA sees every app of the company but cannot change another's", async () => {
    const { daToken, devToken, hello } = await daCompany();
    const mine = await registerVia(devToken.token, hello.id);
    const daApp = await registerVia(daToken.token, hello.id);
    expect((await call("GET", `/apps/${daApp.id}`, { token: devToken.token })).status).toBe(404);
    const listed = await json<{ items: { id: string }[] }>(await call("GET", "/apps", { token: devToken.token }));
    expect(listed.items.map((a) => a.id)).toEqual([mine.id]);
    expect((await call("GET", `/apps/${mine.id}`, { token: daToken.token })).status).toBe(200);
    expect((await call("PATCH", `/apps/${mine.id}`, { token: daToken.token, body: { name: uniqueName() } })).status).toBe(403);
    expect((await call("POST", `/apps/${mine.id}/secret/rotate`, { token: daToken.token, body: {} })).status).toBe(403);
    expect((await call("POST", `/apps/${mine.id}/deactivate`, { token: daToken.token })).status).toBe(200);
  });
});

describe("tenant isolation: another company's ids answer 404", () => {
  it("apps, members, invitations, usage and admin routes", async () => {
    const a = await daCompany();
    const b = await daCompany();
    const appA = await registerVia(a.devToken.token, a.hello.id);
    const memberA = await db().membership.findFirstOrThrow({ where: { companyId: a.company.id, userId: a.dev.id } });
    const inviteA = await call("POST", "/members", {
      token: a.daToken.token,
      body: { email: `${uniqueName("inv").replace(/\W+/g, "-")}@example.com`, roles: ["API_DEVELOPER"] },
    });
    const invitationId = (await json<{ invitation: { id: string } }>(inviteA)).invitation.id;
    const attempts: [string, string, unknown?][] = [
      ["GET", `/apps/${appA.id}`],
      ["PATCH", `/apps/${appA.id}`, { name: "stolen" }],
      ["DELETE", `/apps/${appA.id}`],
      ["POST", `/apps/${appA.id}/deactivate`],
      ["POST", `/apps/${appA.id}/secret/rotate`, {}],
      ["PATCH", `/members/${memberA.id}`, { roles: ["API_DEVELOPER", "DELEGATED_ADMIN"] }],
      ["DELETE", `/members/${memberA.id}?confirm=true`],
      ["DELETE", `/invitations/${invitationId}`],
      ["GET", `/usage?app=${appA.id}`],
      ["GET", `/companies/${a.company.id}`],
      ["DELETE", `/personal-tokens/${a.devToken.id}`],
    ];
    for (const [method, url, body] of attempts) {
      const r = await call(method, url, { token: b.daToken.token, body });
      expect(r.status, `${method} ${url}`).toBe(method === "GET" && url.startsWith("/companies") ? 403 : 404);
    }
    // Unchanged.
    expect((await db().app.findUniqueOrThrow({ where: { id: appA.id } })).status).toBe("ACTIVE");
    expect(await db().membership.count({ where: { id: memberA.id } })).toBe(1);
    expect((await db().personalAccessToken.findUniqueOrThrow({ where: { id: a.devToken.id } })).revokedAt).toBeNull();
  });
});

describe("the company's personal access tokens (DA)", () => {
  it("lists the tokens made for the company with their owners, and revokes one (audited, the owner mailed)", async () => {
    const { daToken, devToken, dev, da, company } = await daCompany();
    const list = await json<{ items: { id: string; owner: { email: string }; state: string; lastFour: string }[] }>(
      await call("GET", "/personal-tokens", { token: daToken.token }),
    );
    expect(list.items.map((t) => t.id).sort()).toEqual([daToken.id, devToken.id].sort());
    expect(list.items.find((t) => t.id === devToken.id)).toMatchObject({
      owner: { email: dev.email },
      state: "active",
      lastFour: devToken.token.slice(-4),
    });
    expect(JSON.stringify(list)).not.toContain(devToken.token);
    // A developer's token (no members scope, no DA role) may not list them.
    expect((await call("GET", "/personal-tokens", { token: devToken.token })).status).toBe(403);

    expect((await call("DELETE", `/personal-tokens/${devToken.id}`, { token: daToken.token })).status).toBe(204);
    expect((await call("GET", "/apps", { token: devToken.token })).status).toBe(401);
    const audit = await db().auditLog.findFirstOrThrow({ where: { event: "personal_token.revoked", targetId: devToken.id } });
    expect(audit).toMatchObject({ actorId: da.id, companyId: company.id });
    expect(audit.metadata).toMatchObject({ ownerEmail: dev.email, via: { kind: "personal_access_token", id: daToken.id } });
    expect(await db().outboxMail.count({ where: { toAddress: dev.email, kind: "security_notice" } })).toBe(1);
    expect((await call("DELETE", "/personal-tokens/x_doesNotExist", { token: daToken.token })).status).toBe(404);
  });
});

describe("Idempotency-Key", () => {
  it("concurrent replays return the first answer and make one app", async () => {
    const { devToken, hello, company } = await daCompany();
    const body = registration(hello.id);
    const key = `key-${Date.now()}`;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => call("POST", "/apps", { token: devToken.token, body, headers: { "idempotency-key": key } })),
    );
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(bodies).size).toBe(1);
    expect(answers.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(5);
    expect(await db().app.count({ where: { companyId: company.id, name: body.name } })).toBe(1);
    // The kept answer holds the new secret: stored encrypted, never in the clear.
    const record = await db().idempotencyRecord.findUniqueOrThrow({ where: { scopeKey: `${devToken.id}:${key}` } });
    expect(record.body).not.toContain((JSON.parse(bodies[0]!) as { clientSecret: string }).clientSecret);
    // A later replay too; the same key with another body is refused.
    const later = await call("POST", "/apps", { token: devToken.token, body, headers: { "idempotency-key": key } });
    expect(await later.text()).toBe(bodies[0]);
    const other = await call("POST", "/apps", { token: devToken.token, body: registration(hello.id), headers: { "idempotency-key": key } });
    expect(other.status).toBe(422);
  });

  it("keeps a first validation error as the answer (4xx are kept, not re-run)", async () => {
    const { devToken, hello } = await daCompany();
    const body = registration(hello.id, { acceptTerms: false });
    const first = await call("POST", "/apps", { token: devToken.token, body, headers: { "idempotency-key": "bad-1" } });
    const again = await call("POST", "/apps", { token: devToken.token, body, headers: { "idempotency-key": "bad-1" } });
    expect(first.status).toBe(422);
    expect(again.status).toBe(422);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });
});

describe("members and invitations (DA)", () => {
  it("lists, adds (at once or invited), changes roles with confirmation, removes, withdraws", async () => {
    const { daToken, devToken, dev, hello, company } = await daCompany();
    const list = await json<{ items: { user: { email: string } }[] }>(await call("GET", "/members", { token: daToken.token }));
    expect(list.items.map((m) => m.user.email)).toContain(dev.email);
    const newcomer = await makeUser(db());
    const added = await call("POST", "/members", { token: daToken.token, body: { email: newcomer.email, roles: ["API_DEVELOPER"] } });
    expect(added.status).toBe(201);
    expect(await json(added)).toMatchObject({ outcome: "added" });
    const invited = await json<{ outcome: string; invitation: { id: string } }>(
      await call("POST", "/members", {
        token: daToken.token,
        body: { email: `nobody-${Date.now()}@example.com`, roles: ["API_DEVELOPER"] },
      }),
    );
    expect(invited.outcome).toBe("invited");
    const invitations = await json<{ items: { id: string }[] }>(await call("GET", "/invitations", { token: daToken.token }));
    expect(invitations.items.map((i) => i.id)).toContain(invited.invitation.id);
    expect((await call("DELETE", `/invitations/${invited.invitation.id}`, { token: daToken.token })).status).toBe(204);

    await registerVia(devToken.token, hello.id);
    const membership = await db().membership.findFirstOrThrow({ where: { companyId: company.id, userId: dev.id } });
    const unconfirmed = await call("PATCH", `/members/${membership.id}`, { token: daToken.token, body: { roles: ["DELEGATED_ADMIN"] } });
    expect(unconfirmed.status).toBe(409);
    const confirmed = await call("PATCH", `/members/${membership.id}`, {
      token: daToken.token,
      body: { roles: ["DELEGATED_ADMIN"], confirm: true },
    });
    expect(confirmed.status).toBe(200);
    expect((await json<{ suspendedApps: unknown[] }>(confirmed)).suspendedApps).toHaveLength(1);
    // Removing a member who still has active apps asks for confirmation too.
    const other = await makeUser(db());
    await call("POST", "/members", { token: daToken.token, body: { email: other.email, roles: ["API_DEVELOPER"] } });
    const otherToken = await tokenFor(other, company.id, ["apps:write"]);
    await registerVia(otherToken.token, hello.id);
    const otherMembership = await db().membership.findFirstOrThrow({ where: { companyId: company.id, userId: other.id } });
    expect((await call("DELETE", `/members/${otherMembership.id}`, { token: daToken.token })).status).toBe(409);
    expect((await call("DELETE", `/members/${otherMembership.id}?confirm=true`, { token: daToken.token })).status).toBe(200);
    // The removal revoked the leaver's tokens for the company: the token itself is refused now.
    expect((await call("POST", "/apps", { token: otherToken.token, body: registration(hello.id) })).status).toBe(401);
    expect((await db().personalAccessToken.findUniqueOrThrow({ where: { id: otherToken.id } })).revokedAt).toBeInstanceOf(Date);
    // A developer's token cannot read members (scope not held → not creatable; role check otherwise).
    expect((await call("GET", "/members", { token: devToken.token })).status).toBe(403);
  });
});

describe("platform administrator routes", () => {
  it("lists, creates, reads, suspends a company and sets its API access; others get 404 even with the scope", async () => {
    const { hello } = await catalog();
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const home = await makeCompany(db());
    const t = await tokenFor(admin, home.id, ["admin"]);
    const created = await call("POST", "/companies", {
      token: t.token,
      body: { name: uniqueName("Acme"), delegatedAdminEmails: [`da-${Date.now()}@example.com`] },
    });
    expect(created.status).toBe(201);
    const { company } = await json<{ company: { id: string; name: string } }>(created);
    const list = await json<{ items: { id: string }[] }>(
      await call("GET", `/companies?q=${encodeURIComponent(company.name)}`, { token: t.token }),
    );
    expect(list.items.map((c) => c.id)).toEqual([company.id]);
    expect((await call("GET", `/companies/${company.id}`, { token: t.token })).status).toBe(200);
    const suspended = await call("PATCH", `/companies/${company.id}`, { token: t.token, body: { status: "SUSPENDED" } });
    expect((await json(suspended)).status).toBe("SUSPENDED");
    const access = await call("PUT", `/companies/${company.id}/apis/${hello.id}`, { token: t.token, body: { access: "deny" } });
    expect(await json(access)).toMatchObject({ choice: "deny", changed: true });

    // The admin flag is read at each call: an admin who lost it gets 404.
    await db().user.update({ where: { id: admin.id }, data: { isPlatformAdmin: false } });
    expect((await call("GET", "/companies", { token: t.token })).status).toBe(404);
  });
});

describe("usage and audit", () => {
  it("usage as JSON and CSV over the pages' ranges; the audit log in cursor pages with filters", async () => {
    const { daToken, devToken, hello } = await daCompany();
    const app = await registerVia(devToken.token, hello.id);
    const usage = await call("GET", `/usage?app=${app.id}&range=hour`, { token: devToken.token });
    expect(usage.status).toBe(200);
    expect(await json(usage)).toMatchObject({ range: "hour", stepMinutes: 1, totals: { calls: 0 } });
    const csv = await call("GET", "/usage?company=current&range=week&format=csv", { token: daToken.token });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).split("\n")[0]).toMatch(/start/i);
    expect((await call("GET", "/usage?company=current", { token: devToken.token })).status).toBe(404);

    const page1 = await json<{ items: { event: string }[]; nextCursor: string }>(
      await call("GET", "/audit?limit=2", { token: daToken.token }),
    );
    expect(page1.items).toHaveLength(2);
    const page2 = await json<{ items: { id: string }[] }>(
      await call("GET", `/audit?limit=2&cursor=${page1.nextCursor}`, { token: daToken.token }),
    );
    expect(page2.items.length).toBeGreaterThan(0);
    const registered = await json<{ items: { event: string; targetId: string }[] }>(
      await call("GET", "/audit?event=app.registered", { token: daToken.token }),
    );
    expect(registered.items.map((e) => e.targetId)).toEqual([app.id]);
    expect((await call("GET", "/audit?from=yesterday", { token: daToken.token })).status).toBe(422);
    // A DA's token may not read every company's log.
    expect((await call("GET", "/audit?all=1", { token: daToken.token })).status).toBe(404);
  });
});

beforeAll(async () => {
  await makeDeveloperCompany();
  await addPerson(await makeCompany(db()), ["API_DEVELOPER"]);
});
