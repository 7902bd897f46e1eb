import { describe, expect, it } from "vitest";
import { expectAppError } from "../../tests/assertions";
import { makeApi } from "../../tests/factories/apps";
import { makeCompany } from "../../tests/factories/companies";
import { PASSWORD } from "../../tests/factories/constants";
import { addMember, makeUser } from "../../tests/factories/people";
import { verifyAddress } from "../../tests/mail";
import { listEntitledApis } from "../apis/catalog";
import { db } from "../db";
import { signUp } from "../users/accounts";
import { apiAccessOf, setCompanyApiAccess } from "./api-access";
import { createCompany, getCompanyForAdmin, listCompanies, nominateDelegatedAdmins, setCompanyStatus } from "./companies";
import { withdrawInvitation } from "./invitations";

const ctx = { ip: "203.0.113.7", userAgent: "vitest companies" };
let n = 0;
const tag = () => `${Date.now().toString(36)}${process.pid}${++n}`;
const email = (label: string) => `${label}.${tag()}@example.com`;

async function admin() {
  const u = await makeUser(db(), { isPlatformAdmin: true });
  return { id: u.id, email: u.email };
}

async function rolesOf(companyId: string, userId: string) {
  const m = await db().membership.findUnique({
    where: { companyId_userId: { companyId, userId } },
    include: { roles: { include: { grantedBy: true } } },
  });
  return m?.roles.map((r) => ({ role: r.role, by: r.grantedBy?.email ?? null })).sort((a, b) => a.role.localeCompare(b.role)) ?? null;
}

/** What a test could have written, counted by its unique tag (test files share one database). */
async function totals(t: string, companyIds: string[] = []) {
  const [companies, invitations, memberships, roles, audit] = await Promise.all([
    db().company.count({ where: { OR: [{ nameKey: { contains: t.toLowerCase() } }, { id: { in: companyIds } }] } }),
    db().invitation.count({ where: { OR: [{ email: { contains: t } }, { companyId: { in: companyIds } }] } }),
    db().membership.count({ where: { companyId: { in: companyIds } } }),
    db().roleAssignment.count({ where: { membership: { companyId: { in: companyIds } } } }),
    db().auditLog.count({ where: { companyId: { in: companyIds } } }),
  ]);
  return { companies, invitations, memberships, roles, audit };
}

describe("creating a company", () => {
  it("attaches an existing account as DA at once and leaves a pending nomination for an email without account", async () => {
    const a = await admin();
    const existing = await makeUser(db());
    const newcomer = email("newcomer");
    const name = `Acme ${tag()}`;
    const { company, nominations } = await createCompany(a, { name, daEmails: `${existing.email.toUpperCase()}, ${newcomer}` }, ctx);
    expect(nominations).toEqual([
      { email: existing.email, outcome: "attached", roles: ["DELEGATED_ADMIN", "API_DEVELOPER"] },
      { email: newcomer, outcome: "invited", roles: ["DELEGATED_ADMIN", "API_DEVELOPER"] },
    ]);
    expect(await rolesOf(company.id, existing.id)).toEqual([
      { role: "API_DEVELOPER", by: a.email },
      { role: "DELEGATED_ADMIN", by: a.email },
    ]);
    const inv = await db().invitation.findFirstOrThrow({ where: { companyId: company.id, email: newcomer } });
    expect(inv.status).toBe("PENDING");
    const events = (await db().auditLog.findMany({ where: { companyId: company.id }, orderBy: { createdAt: "asc" } })).map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(["company.created", "membership.added", "role.granted", "invitation.created"]));
    const created = await db().auditLog.findFirstOrThrow({ where: { companyId: company.id, event: "company.created" } });
    expect(created).toMatchObject({
      actorId: a.id,
      actorEmail: a.email,
      ip: "203.0.113.7",
      userAgent: "vitest companies",
      targetId: company.id,
    });
  });

  it("binds the nomination to whoever signs up with that email, and to nobody else", async () => {
    const a = await admin();
    const nominee = email("nominee");
    const { company } = await createCompany(a, { name: `Binder ${tag()}`, daEmails: nominee }, ctx);
    const stranger = await signUp({ name: "Stranger", email: email("stranger"), password: PASSWORD }, ctx);
    expect(await rolesOf(company.id, stranger.id)).toBeNull();
    const user = await signUp({ name: "Nominee", email: nominee, password: PASSWORD }, ctx);
    // A claimed nomination: nothing until the address is verified.
    expect(await rolesOf(company.id, user.id)).toBeNull();
    await verifyAddress(nominee);
    expect(await rolesOf(company.id, user.id)).toEqual([
      { role: "API_DEVELOPER", by: a.email },
      { role: "DELEGATED_ADMIN", by: a.email },
    ]);
    const inv = await db().invitation.findFirstOrThrow({ where: { companyId: company.id, email: nominee } });
    expect(inv).toMatchObject({ status: "ACCEPTED", acceptedById: user.id });
  });

  it("does not apply a withdrawn nomination", async () => {
    const a = await admin();
    const nominee = email("withdrawn");
    const { company } = await createCompany(a, { name: `Withdrawn ${tag()}`, daEmails: nominee }, ctx);
    const inv = await db().invitation.findFirstOrThrow({ where: { companyId: company.id, email: nominee } });
    await withdrawInvitation(a, company.id, inv.id, { asPlatformAdmin: true }, ctx);
    await expectAppError(withdrawInvitation(a, company.id, inv.id, { asPlatformAdmin: true }, ctx), "conflict");
    const user = await signUp({ name: "Late", email: nominee, password: PASSWORD }, ctx);
    await verifyAddress(nominee);
    expect(await rolesOf(company.id, user.id)).toBeNull();
    expect((await db().invitation.findUniqueOrThrow({ where: { id: inv.id } })).status).toBe("WITHDRAWN");
  });

  it("refuses bad input with a message per field and writes nothing", async () => {
    const a = await admin();
    const t = tag();
    const taken = `Taken ${t}`;
    const email = (label: string) => `${label}.${t}@example.com`;
    const { company } = await createCompany(a, { name: taken, daEmails: email("first") }, ctx);
    const before = await totals(t, [company.id]);
    const cases: [unknown, string, string, RegExp][] = [
      [{ name: "", daEmails: email("x") }, "validation", "name", /Enter the company name/],
      [{ name: "   ", daEmails: email("x") }, "validation", "name", /Enter the company name/],
      [{ name: "x".repeat(101), daEmails: email("x") }, "validation", "name", /at most 100/],
      [{ name: `Ok ${t}`, daEmails: "" }, "validation", "daEmails", /Enter the Delegated Administrator's email/],
      [{ name: `Ok ${t}`, daEmails: "not-an-email" }, "validation", "daEmails", /“not-an-email” is not an email address/],
      [{ name: `Ok ${t}`, daEmails: `${email("good")}, bad@` }, "validation", "daEmails", /“bad@” is not an email/],
      [{ name: `Ok ${t}`, daEmails: `${"a".repeat(250)}@example.com` }, "validation", "daEmails", /not an email address/],
      [{ name: `  ${taken.toUpperCase()} `, daEmails: email("x") }, "conflict", "name", /already exists/],
    ];
    for (const [input, code, field, message] of cases) {
      const e = await expectAppError(createCompany(a, input, ctx), code as "validation");
      expect(e.fieldErrors?.[field]?.[0], JSON.stringify(input).slice(0, 80)).toMatch(message);
    }
    expect(await totals(t, [company.id])).toEqual(before);
  });

  it("is refused to anyone but the platform administrator, as not found", async () => {
    const t = tag();
    const company = await makeCompany(db());
    const da = await makeUser(db());
    await addMember(db(), company.id, da.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
    const before = await totals(t, [company.id]);
    await expectAppError(
      createCompany({ id: da.id, email: da.email }, { name: `Nope ${t}`, daEmails: `x.${t}@example.com` }, ctx),
      "not_found",
    );
    await expectAppError(
      nominateDelegatedAdmins({ id: da.id, email: da.email }, company.id, { daEmails: `y.${t}@example.com` }, ctx),
      "not_found",
    );
    await expectAppError(setCompanyStatus({ id: da.id, email: da.email }, company.id, "SUSPENDED", ctx), "not_found");
    await expectAppError(listCompanies({ id: da.id, email: da.email }), "not_found");
    await expectAppError(getCompanyForAdmin({ id: da.id, email: da.email }, company.id), "not_found");
    expect(await totals(t, [company.id])).toEqual(before);
    expect((await db().company.findUniqueOrThrow({ where: { id: company.id } })).status).toBe("ACTIVE");
  });
});

describe("nominating more Delegated Administrators", () => {
  it("promotes an API Developer member, refuses an existing DA, and is all or nothing", async () => {
    const a = await admin();
    const company = await makeCompany(db());
    const dev = await makeUser(db());
    const da = await makeUser(db());
    await addMember(db(), company.id, dev.id, ["API_DEVELOPER"]);
    await addMember(db(), company.id, da.id, ["DELEGATED_ADMIN"]);
    const none = `none${tag()}`;
    const before = await totals(none, [company.id]);
    const e = await expectAppError(nominateDelegatedAdmins(a, company.id, { daEmails: `${dev.email} ${da.email}` }, ctx), "conflict");
    expect(e.fieldErrors?.daEmails?.[0]).toMatch(/already a Delegated Administrator/);
    expect(await totals(none, [company.id])).toEqual(before);

    const result = await nominateDelegatedAdmins(a, company.id, { daEmails: dev.email }, ctx);
    expect(result).toEqual([{ email: dev.email, outcome: "attached", roles: ["DELEGATED_ADMIN"] }]);
    expect((await rolesOf(company.id, dev.id))?.map((r) => r.role)).toEqual(["API_DEVELOPER", "DELEGATED_ADMIN"]);
  });

  it("merges roles into an invitation a DA left pending, and refuses a second identical nomination", async () => {
    const a = await admin();
    const company = await makeCompany(db());
    const address = email("pending");
    await nominateDelegatedAdmins(a, company.id, { daEmails: address }, ctx);
    const e = await expectAppError(nominateDelegatedAdmins(a, company.id, { daEmails: address }, ctx), "conflict");
    expect(e.message).toMatch(/already pending/);
    expect(await db().invitation.count({ where: { companyId: company.id } })).toBe(1);
  });

  it("answers not found for an unknown or malformed company id", async () => {
    const a = await admin();
    await expectAppError(nominateDelegatedAdmins(a, "cmp_00000000000000000000", { daEmails: email("x") }, ctx), "not_found");
    await expectAppError(nominateDelegatedAdmins(a, "../etc", { daEmails: email("x") }, ctx), "not_found");
    await expectAppError(getCompanyForAdmin(a, "cmp_00000000000000000000"), "not_found");
  });
});

describe("suspending a company", () => {
  it("suspends and restores with the time and an audit entry each, refusing a no-op", async () => {
    const a = await admin();
    const company = await makeCompany(db());
    await setCompanyStatus(a, company.id, "SUSPENDED", ctx);
    const row = await db().company.findUniqueOrThrow({ where: { id: company.id } });
    expect(row.status).toBe("SUSPENDED");
    expect(row.suspendedAt).toBeInstanceOf(Date);
    const again = await expectAppError(setCompanyStatus(a, company.id, "SUSPENDED", ctx), "conflict");
    expect(again.message).toMatch(/already suspended/);
    await expectAppError(setCompanyStatus(a, company.id, "DELETED", ctx), "validation");
    await setCompanyStatus(a, company.id, "ACTIVE", ctx);
    const restored = await db().company.findUniqueOrThrow({ where: { id: company.id } });
    expect(restored).toMatchObject({ status: "ACTIVE", suspendedAt: null });
    const events = (await db().auditLog.findMany({ where: { companyId: company.id }, orderBy: { createdAt: "asc" } })).map((e) => e.event);
    expect(events).toEqual(["company.suspended", "company.restored"]);
  });
});

describe("listing companies", () => {
  it("searches names case-insensitively and pages through them in name order", async () => {
    const a = await admin();
    const key = `Zeta${tag()}`;
    for (const suffix of ["Gamma", "alpha", "Beta"]) await createCompany(a, { name: `${key} ${suffix}`, daEmails: email("da") }, ctx);
    const first = await listCompanies(a, { q: key.toUpperCase(), limit: 2 });
    expect(first.items.map((c) => c.name)).toEqual([`${key} alpha`, `${key} Beta`]);
    expect(first.items[0]).toMatchObject({
      memberCount: 0,
      pendingInvitations: 1,
      status: "ACTIVE",
      delegatedAdmins: [],
      pendingAdmins: [expect.stringMatching(/@/)],
    });
    expect(first.nextAfter).not.toBeNull();
    const second = await listCompanies(a, { q: key, limit: 2, after: first.nextAfter! });
    expect(second.items.map((c) => c.name)).toEqual([`${key} Gamma`]);
    expect(second.nextAfter).toBeNull();
    expect((await listCompanies(a, { q: `${key}-none` })).items).toEqual([]);
  });
});

describe("API access per company", () => {
  it("follows the catalog by default and lets the platform administrator allow or deny per company", async () => {
    const a = await admin();
    const company = await makeCompany(db());
    const open = await makeApi(db(), { openToAll: true });
    const closed = await makeApi(db(), { openToAll: false });
    const entitled = async () => (await listEntitledApis(company.id)).map((x) => x.id);
    expect(await entitled()).toContain(open.id);
    expect(await entitled()).not.toContain(closed.id);

    expect((await setCompanyApiAccess(a, company.id, { apiId: open.id, access: "deny" }, ctx)).changed).toBe(true);
    expect((await setCompanyApiAccess(a, company.id, { apiId: closed.id, access: "allow" }, ctx)).changed).toBe(true);
    expect(await entitled()).not.toContain(open.id);
    expect(await entitled()).toContain(closed.id);
    const rows = await apiAccessOf(db(), company.id);
    expect(rows.find((r) => r.id === open.id)).toMatchObject({ choice: "deny", effective: false, openToAll: true });
    expect(rows.find((r) => r.id === closed.id)).toMatchObject({ choice: "allow", effective: true });

    expect((await setCompanyApiAccess(a, company.id, { apiId: open.id, access: "default" }, ctx)).changed).toBe(true);
    expect((await setCompanyApiAccess(a, company.id, { apiId: open.id, access: "default" }, ctx)).changed).toBe(false);
    expect(await entitled()).toContain(open.id);
    const audit = await db().auditLog.findMany({ where: { companyId: company.id, event: "company.api_access.changed" } });
    expect(audit).toHaveLength(3);

    // Another company is unaffected.
    const other = await makeCompany(db());
    expect((await listEntitledApis(other.id)).map((x) => x.id)).toContain(open.id);
  });

  it("refuses unknown APIs, bad choices and other people", async () => {
    const a = await admin();
    const company = await makeCompany(db());
    const api = await makeApi(db(), { openToAll: true });
    await expectAppError(setCompanyApiAccess(a, company.id, { apiId: "api_00000000000000000000", access: "deny" }, ctx), "not_found");
    await expectAppError(setCompanyApiAccess(a, company.id, { apiId: api.id, access: "maybe" }, ctx), "validation");
    const da = await makeUser(db());
    await addMember(db(), company.id, da.id, ["DELEGATED_ADMIN"]);
    await expectAppError(
      setCompanyApiAccess({ id: da.id, email: da.email }, company.id, { apiId: api.id, access: "deny" }, ctx),
      "not_found",
    );
    expect(await db().companyApiAccess.count({ where: { companyId: company.id } })).toBe(0);
  });
});
