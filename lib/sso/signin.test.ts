import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAppError } from "../../tests/assertions";
import { companyWithSsoDomain } from "../../tests/factories/sso";
import { TestOidcProvider } from "../../tests/oidc-idp";
import { setMemberRoles } from "../companies/members";
import { db } from "../db";
import { connectionById, parseGroupRoles, saveOidcConnection } from "./connections";
import { provisionSsoUser } from "./provision";
import { completeOidcSignIn, oidcRedirectUri, SsoFailure } from "./signin";
import { startSsoSignIn } from "./start";

// The company's OpenID provider, on TEST_SMTP_PORT + 12 (beside the DNS server of domains.test.ts).
const idp = new TestOidcProvider(Number(process.env.TEST_IDP_PORT ?? Number(process.env.TEST_SMTP_PORT ?? 4551) + 12), oidcRedirectUri());
const ctx = { ip: "203.0.113.10", userAgent: "vitest sso sign-in" };

beforeAll(() => idp.start());
afterAll(() => idp.stop());

async function companyWithConnection(input: Partial<{ defaultRoles: string[]; groupRoles: string }> = {}) {
  const { company, da, domain } = await companyWithSsoDomain(db(), "idp");
  const saved = await saveOidcConnection(
    da,
    company.id,
    {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      defaultRoles: ["API_DEVELOPER"],
      groupRoles: "",
      ...input,
    },
    ctx,
  );
  return { company, da, domain, connection: (await connectionById(db(), saved.id))! };
}

async function refusedWith(p: Promise<unknown>, reason: string) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SsoFailure);
  expect((error as SsoFailure).reason).toBe(reason);
}

describe("the OpenID Connect connection", () => {
  it("is saved after discovery answers, with its secret sealed, and audited", async () => {
    const { company, connection } = await companyWithConnection({ groupRoles: "admins = Delegated Administrator\n eng = api developer " });
    expect(connection.clientSecret).toBe(idp.clientSecret);
    const row = await db().ssoConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(row.clientSecretSealed).not.toContain(idp.clientSecret);
    expect(connection.groupRoles).toEqual({ admins: ["DELEGATED_ADMIN"], eng: ["API_DEVELOPER"] });
    const audit = await db().auditLog.findMany({ where: { companyId: company.id, event: "sso.connection.added" } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.metadata)).not.toContain(idp.clientSecret);
  });

  it("refuses an issuer without discovery, plain http elsewhere than this machine, no default role and a bad mapping line", async () => {
    const { company, da } = await companyWithConnection();
    const base = { issuer: idp.issuer, clientId: idp.clientId, clientSecret: "", defaultRoles: ["API_DEVELOPER"], groupRoles: "" };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, issuer: `${idp.issuer}/nothing-here` }, "issuer"],
      [{ ...base, issuer: "http://idp.example.com" }, "issuer"],
      [{ ...base, defaultRoles: [] }, "defaultRoles"],
      [{ ...base, groupRoles: "admins = Owner" }, "groupRoles"],
    ];
    for (const [input, field] of cases) {
      const error = await expectAppError(saveOidcConnection(da, company.id, input, ctx), "validation");
      expect(Object.keys(error.fieldErrors ?? {})).toContain(field);
    }
    expect(parseGroupRoles("a = API Developer, Delegated Administrator").map).toEqual({ a: ["API_DEVELOPER", "DELEGATED_ADMIN"] });
  });
});

describe("signing in", () => {
  it("starts at the provider with PKCE S256, state and nonce for an address of a verified domain; refuses other addresses", async () => {
    const { domain, connection } = await companyWithConnection();
    const started = await startSsoSignIn({ email: `Ana@${domain.toUpperCase()}`, returnTo: "/apps" }, ctx);
    const url = new URL(started.redirectTo);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get("redirect_uri")).toBe(oidcRedirectUri());
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("login_hint")).toBe(`ana@${domain}`);
    const login = await db().ssoLogin.findUniqueOrThrow({ where: { id: url.searchParams.get("state")! } });
    expect(login.connectionId).toBe(connection.id);
    expect(login.browserKey).not.toContain(started.browserCookie);
    const error = await expectAppError(startSsoSignIn({ email: "ana@unverified.example", returnTo: "/" }, ctx), "validation");
    expect(error.fieldErrors?.email?.[0]).toMatch(/not set up for unverified.example/);
  });

  it("refuses an unknown state, another browser, an expired or used state, and an error from the provider", async () => {
    const { domain } = await companyWithConnection();
    await refusedWith(completeOidcSignIn(new URLSearchParams({ state: "nope", code: "x" }), "cookie", ctx), "state");

    const a = await startSsoSignIn({ email: `a@${domain}`, returnTo: "/" }, ctx);
    const stateA = new URL(a.redirectTo).searchParams.get("state")!;
    await refusedWith(completeOidcSignIn(new URLSearchParams({ state: stateA, code: "x" }), "another-browser", ctx), "state");
    await refusedWith(
      completeOidcSignIn(new URLSearchParams({ state: stateA, code: "x" }), a.browserCookie, ctx, new Date(Date.now() + 11 * 60_000)),
      "state",
    );
    // A forged code: the token endpoint refuses it; the state is spent.
    await refusedWith(completeOidcSignIn(new URLSearchParams({ state: stateA, code: "forged" }), a.browserCookie, ctx), "assertion");
    await refusedWith(completeOidcSignIn(new URLSearchParams({ state: stateA, code: "forged" }), a.browserCookie, ctx), "state");

    const b = await startSsoSignIn({ email: `b@${domain}`, returnTo: "/" }, ctx);
    const stateB = new URL(b.redirectTo).searchParams.get("state")!;
    await refusedWith(
      completeOidcSignIn(new URLSearchParams({ state: stateB, error: "access_denied" }), b.browserCookie, ctx),
      "idp_error",
    );
  });

  it("provisions just in time once, links the same subject afterwards, maps groups, and refuses a suspended account", async () => {
    const { company, domain, connection } = await companyWithConnection({ groupRoles: "admins = Delegated Administrator" });
    const email = `new.${Date.now()}@${domain}`;
    const first = await provisionSsoUser(connection, { subject: "s-1", email, name: "New Person", groups: ["admins"] }, ctx);
    expect(first).toMatchObject({ firstSignIn: true, membershipCreated: true, roles: ["DELEGATED_ADMIN", "API_DEVELOPER"] });
    const again = await provisionSsoUser(connection, { subject: "s-1", email, name: "New Person", groups: [] }, ctx);
    expect(again).toMatchObject({ userId: first.userId, firstSignIn: false, membershipCreated: false });
    const user = await db().user.findUniqueOrThrow({ where: { id: first.userId } });
    expect(user.emailVerifiedAt).not.toBeNull();
    const events = await db().auditLog.findMany({ where: { companyId: company.id, targetId: first.userId, event: "sso.signed_in" } });
    expect(events).toHaveLength(2);

    await db().user.update({ where: { id: first.userId }, data: { status: "SUSPENDED" } });
    await expectAppError(provisionSsoUser(connection, { subject: "s-1", email, name: "", groups: [] }, ctx), "forbidden");
  });

  it("re-applies the group mapping at every later sign-in; roles granted by hand and the last Delegated Administrator stay", async () => {
    const { company, da, domain, connection } = await companyWithConnection({ groupRoles: "admins = Delegated Administrator" });
    const roles = async (userId: string) =>
      (await db().roleAssignment.findMany({ where: { membership: { companyId: company.id, userId } }, orderBy: { role: "asc" } })).map(
        (r) => r.role,
      );
    const email = `mapped.${Date.now()}@${domain}`;
    const signIn = async (groups: string[], subject = "s-mapped", address = email) => {
      const p = await provisionSsoUser(connection, { subject, email: address, name: "Mapped Person", groups }, ctx);
      return { ...p, roles: [...p.roles].sort() };
    };
    const first = await signIn(["admins"]);
    expect(await roles(first.userId)).toEqual(["API_DEVELOPER", "DELEGATED_ADMIN"]);
    // Left the IdP group: the mapped role goes at the next sign-in (audited); back in the group, it comes back.
    expect((await signIn(["others"])).roles).toEqual(["API_DEVELOPER"]);
    const revoked = await db().auditLog.findFirstOrThrow({
      where: { companyId: company.id, event: "role.revoked", actorId: first.userId },
    });
    expect(revoked.metadata).toMatchObject({ role: "DELEGATED_ADMIN", via: "sso", source: "IDP_GROUPS" });
    expect((await signIn(["admins"])).roles).toEqual(["API_DEVELOPER", "DELEGATED_ADMIN"]);

    // A role a DA granted by hand is not the mapping's: it stays whatever the claim says.
    const other = `hand.${Date.now()}@${domain}`;
    const person = await signIn([], "s-hand", other);
    const membership = await db().membership.findFirstOrThrow({ where: { companyId: company.id, userId: person.userId } });
    await setMemberRoles(da, company.id, membership.id, { roles: ["API_DEVELOPER", "DELEGATED_ADMIN"] }, { confirm: true }, ctx);
    expect((await signIn([], "s-hand", other)).roles).toEqual(["API_DEVELOPER", "DELEGATED_ADMIN"]);

    // The mapped DA is the last one once the others step down: it stays even without the group.
    await db().roleAssignment.deleteMany({
      where: { role: "DELEGATED_ADMIN", membership: { companyId: company.id, userId: { in: [da.id, person.userId] } } },
    });
    expect((await signIn([])).roles).toEqual(["API_DEVELOPER", "DELEGATED_ADMIN"]);
  });
});
