import { describe, expect, it } from "vitest";
import { expectAppError } from "../../tests/assertions";
import { makeApp } from "../../tests/factories/apps";
import { makeCompany } from "../../tests/factories/companies";
import { PASSWORD } from "../../tests/factories/constants";
import { addMember as addMemberRow, makeUser } from "../../tests/factories/people";
import { verifyAddress } from "../../tests/mail";
import { db } from "../db";
import { newId } from "../ids";
import type { Role } from "../permissions";
import { signUp } from "../users/accounts";
import { companyAppsPage, listCompanyApps, reassignApp, restoreApp, suspendApp } from "./app-ownership";
import { listPendingInvitations, withdrawInvitation } from "./invitations";
import { addMember, getMember, listMembers, removeMember, setMemberRoles } from "./members";

const ctx = { ip: "198.51.100.4", userAgent: "vitest members" };
let n = 0;
const email = (label: string) => `${label}.${Date.now().toString(36)}${process.pid}${++n}@example.com`;
const person = (u: { id: string; email: string }) => ({ id: u.id, email: u.email });

/** A company with one Delegated Administrator (who also holds API Developer unless told otherwise). */
async function companyWithDa(daRoles: Role[] = ["DELEGATED_ADMIN", "API_DEVELOPER"]) {
  const company = await makeCompany(db());
  const da = await makeUser(db());
  const m = await addMemberRow(db(), company.id, da.id, daRoles);
  return { company, da: person(da), daMembershipId: m.id };
}

async function member(companyId: string, roles: Role[]) {
  const u = await makeUser(db());
  const m = await addMemberRow(db(), companyId, u.id, roles);
  return { user: person(u), membershipId: m.id };
}

async function rolesOf(membershipId: string) {
  return (await db().roleAssignment.findMany({ where: { membershipId }, orderBy: { role: "asc" } })).map((r) => r.role);
}

/** Everything a member change could touch in the company. */
async function snapshot(companyId: string) {
  const [memberships, roles, invitations, apps, audit] = await Promise.all([
    db().membership.findMany({ where: { companyId }, select: { id: true, userId: true }, orderBy: { id: "asc" } }),
    db().roleAssignment.findMany({ where: { membership: { companyId } }, select: { id: true, role: true }, orderBy: { id: "asc" } }),
    db().invitation.findMany({ where: { companyId }, select: { id: true, status: true, roles: true }, orderBy: { id: "asc" } }),
    db().app.findMany({ where: { companyId }, select: { id: true, status: true, createdById: true }, orderBy: { id: "asc" } }),
    db().auditLog.count({ where: { companyId } }),
  ]);
  return { memberships, roles, invitations, apps, audit };
}

describe("adding members", () => {
  it("adds an existing account with its roles, recording who granted each", async () => {
    const { company, da } = await companyWithDa();
    const dev = await makeUser(db());
    const result = await addMember(da, company.id, { email: dev.email.toUpperCase(), roles: ["API_DEVELOPER"] }, ctx);
    expect(result.outcome).toBe("added");
    const members = await listMembers(da, company.id);
    const row = members.find((m) => m.user.id === dev.id)!;
    expect(row.roles.map((r) => [r.role, r.grantedBy?.email])).toEqual([["API_DEVELOPER", da.email]]);
    expect(row.roles[0]!.grantedAt).toBeInstanceOf(Date);
    const audit = await db().auditLog.findMany({ where: { companyId: company.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.event)).toEqual(["membership.added", "role.granted"]);
    expect(audit[1]).toMatchObject({
      actorId: da.id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      metadata: { email: dev.email, role: "API_DEVELOPER" },
    });
  });

  it("leaves a pending invitation for an email without account, applied when that email signs up", async () => {
    const { company, da } = await companyWithDa();
    const address = email("invitee");
    const result = await addMember(da, company.id, { email: address, roles: ["API_DEVELOPER", "DELEGATED_ADMIN"] }, ctx);
    expect(result).toMatchObject({ outcome: "invited", invitation: { email: address, roles: ["DELEGATED_ADMIN", "API_DEVELOPER"] } });
    expect((await listPendingInvitations(da, company.id)).map((i) => i.email)).toEqual([address]);
    const user = await signUp({ name: "Invitee", email: address, password: PASSWORD }, ctx);
    expect((await listMembers(da, company.id)).find((m) => m.user.id === user.id)).toBeUndefined();
    await verifyAddress(address);
    const row = (await listMembers(da, company.id)).find((m) => m.user.id === user.id)!;
    expect(row.roles.map((r) => [r.role, r.grantedBy?.email])).toEqual([
      ["DELEGATED_ADMIN", da.email],
      ["API_DEVELOPER", da.email],
    ]);
    expect(await listPendingInvitations(da, company.id)).toEqual([]);
  });

  it("applies an invitation at sign-in to an account that already existed", async () => {
    const { company, da } = await companyWithDa();
    const address = email("existing");
    await signUp({ name: "Early", email: address, password: PASSWORD }, ctx);
    await verifyAddress(address);
    // An invitation row written while the account was being created (the race the sign-in closes).
    await db().invitation.create({
      data: { id: newId("invitation"), companyId: company.id, email: address, roles: ["API_DEVELOPER"], invitedById: da.id },
    });
    const { verifyCredentials } = await import("../users/accounts");
    const user = await verifyCredentials({ email: address, password: PASSWORD }, { ip: `10.9.${n}.1`, userAgent: "vitest" });
    expect((await listMembers(da, company.id)).find((m) => m.user.id === user.id)?.roles.map((r) => r.role)).toEqual(["API_DEVELOPER"]);
  });

  it("refuses bad input with a clear message and changes nothing", async () => {
    const { company, da } = await companyWithDa();
    const existing = await member(company.id, ["API_DEVELOPER"]);
    const pending = email("pending");
    await addMember(da, company.id, { email: pending, roles: ["API_DEVELOPER"] }, ctx);
    const before = await snapshot(company.id);
    const cases: [unknown, string, string, RegExp][] = [
      [{ email: "", roles: ["API_DEVELOPER"] }, "validation", "email", /Enter an email address/],
      [{ email: "   ", roles: ["API_DEVELOPER"] }, "validation", "email", /Enter an email address/],
      [{ email: "someone@", roles: ["API_DEVELOPER"] }, "validation", "email", /like name@example.com/],
      [{ email: `${"a".repeat(250)}@example.com`, roles: ["API_DEVELOPER"] }, "validation", "email", /at most 254/],
      [{ email: email("x"), roles: [] }, "validation", "roles", /Choose at least one role/],
      [{ email: email("x") }, "validation", "roles", /Choose at least one role/],
      [{ email: email("x"), roles: ["OWNER"] }, "validation", "roles", /Unknown role: OWNER/],
      [{ email: existing.user.email, roles: ["API_DEVELOPER"] }, "conflict", "email", /already a member/],
      [{ email: da.email, roles: ["DELEGATED_ADMIN"] }, "conflict", "email", /already a member/],
      [{ email: pending.toUpperCase(), roles: ["DELEGATED_ADMIN"] }, "conflict", "email", /already pending/],
    ];
    for (const [input, code, field, message] of cases) {
      const e = await expectAppError(addMember(da, company.id, input, ctx), code as "validation");
      expect(e.fieldErrors?.[field]?.[0], JSON.stringify(input).slice(0, 60)).toMatch(message);
    }
    expect(await snapshot(company.id)).toEqual(before);
  });

  it("lets a DA grant only roles the DA holds", async () => {
    const { company, da } = await companyWithDa(["DELEGATED_ADMIN"]);
    const target = await makeUser(db());
    const before = await snapshot(company.id);
    const e = await expectAppError(addMember(da, company.id, { email: target.email, roles: ["API_DEVELOPER"] }, ctx), "forbidden");
    expect(e.fieldErrors?.roles?.[0]).toBe(
      "You can grant only roles you hold yourself: API Developer is not yours to grant. You may grant Delegated Administrator.",
    );
    await expectAppError(
      addMember(da, company.id, { email: email("nobody"), roles: ["DELEGATED_ADMIN", "API_DEVELOPER"] }, ctx),
      "forbidden",
    );
    expect(await snapshot(company.id)).toEqual(before);
    expect((await addMember(da, company.id, { email: target.email, roles: ["DELEGATED_ADMIN"] }, ctx)).outcome).toBe("added");
  });

  it("is refused, as not found, to members without the Delegated Administrator role and to outsiders", async () => {
    const { company } = await companyWithDa();
    const dev = await member(company.id, ["API_DEVELOPER"]);
    const outsider = person(await makeUser(db()));
    const admin = person(await makeUser(db(), { isPlatformAdmin: true }));
    const before = await snapshot(company.id);
    for (const actor of [dev.user, outsider, admin]) {
      await expectAppError(addMember(actor, company.id, { email: email("x"), roles: ["API_DEVELOPER"] }, ctx), "not_found");
      await expectAppError(listMembers(actor, company.id), "not_found");
    }
    expect(await snapshot(company.id)).toEqual(before);
  });
});

describe("changing roles and removing members", () => {
  it("makes another DA, then lets either step down but never the last one", async () => {
    const { company, da, daMembershipId } = await companyWithDa();
    const dev = await member(company.id, ["API_DEVELOPER"]);
    expect((await setMemberRoles(da, company.id, dev.membershipId, { roles: ["API_DEVELOPER", "DELEGATED_ADMIN"] }, {}, ctx)).outcome).toBe(
      "updated",
    );
    expect(await rolesOf(dev.membershipId)).toEqual(["API_DEVELOPER", "DELEGATED_ADMIN"]);
    // The first DA steps down from DA (keeping API Developer); the new one is now the only DA.
    const stepDown = await setMemberRoles(da, company.id, daMembershipId, { roles: ["API_DEVELOPER"] }, {}, ctx);
    expect(stepDown).toMatchObject({ outcome: "updated", actorMayStillManage: false });
    const before = await snapshot(company.id);
    const e = await expectAppError(
      setMemberRoles(dev.user, company.id, dev.membershipId, { roles: ["API_DEVELOPER"] }, {}, ctx),
      "conflict",
    );
    expect(e.message).toBe("A company keeps at least one Delegated Administrator. Make someone else a Delegated Administrator first.");
    await expectAppError(removeMember(dev.user, company.id, dev.membershipId, { confirm: true }, ctx), "conflict");
    expect(await snapshot(company.id)).toEqual(before);
    // The former DA lost the right to manage members.
    await expectAppError(setMemberRoles(da, company.id, dev.membershipId, { roles: ["API_DEVELOPER"] }, {}, ctx), "not_found");
    const events = (await db().auditLog.findMany({ where: { companyId: company.id }, orderBy: { createdAt: "asc" } })).map((a) => a.event);
    expect(events).toEqual(["role.granted", "role.revoked"]);
  });

  it("refuses granting a role the DA does not hold, an empty role set and unknown members", async () => {
    const { company, da } = await companyWithDa(["DELEGATED_ADMIN"]);
    const dev = await member(company.id, ["API_DEVELOPER"]);
    const plain = await member(company.id, ["DELEGATED_ADMIN"]);
    const before = await snapshot(company.id);
    const e = await expectAppError(
      setMemberRoles(da, company.id, plain.membershipId, { roles: ["DELEGATED_ADMIN", "API_DEVELOPER"] }, {}, ctx),
      "forbidden",
    );
    expect(e.message).toMatch(/API Developer is not yours to grant/);
    await expectAppError(setMemberRoles(da, company.id, dev.membershipId, { roles: [] }, {}, ctx), "validation");
    await expectAppError(setMemberRoles(da, company.id, "mem_00000000000000000000", { roles: ["API_DEVELOPER"] }, {}, ctx), "not_found");
    await expectAppError(setMemberRoles(da, company.id, "' OR 1=1 --", { roles: ["API_DEVELOPER"] }, {}, ctx), "not_found");
    await expectAppError(removeMember(da, company.id, "mem_00000000000000000000", { confirm: true }, ctx), "not_found");
    expect(await snapshot(company.id)).toEqual(before);
    // Taking away a role the DA does not hold is allowed (a DA manages developers without being one).
    expect((await setMemberRoles(da, company.id, dev.membershipId, { roles: ["DELEGATED_ADMIN"] }, {}, ctx)).outcome).toBe("updated");
    expect((await setMemberRoles(da, company.id, dev.membershipId, { roles: ["DELEGATED_ADMIN"] }, {}, ctx)).outcome).toBe("unchanged");
  });

  it("removes a member (and their roles) when the company keeps a DA", async () => {
    const { company, da } = await companyWithDa();
    const other = await member(company.id, ["DELEGATED_ADMIN"]);
    expect(await removeMember(da, company.id, other.membershipId, {}, ctx)).toMatchObject({
      outcome: "removed",
      actorMayStillManage: true,
    });
    expect(await db().membership.findUnique({ where: { id: other.membershipId } })).toBeNull();
    expect(await db().roleAssignment.count({ where: { membershipId: other.membershipId } })).toBe(0);
    const audit = await db().auditLog.findFirstOrThrow({ where: { companyId: company.id, event: "membership.removed" } });
    expect(audit.metadata).toMatchObject({ email: other.user.email, roles: ["DELEGATED_ADMIN"] });
  });

  it("keeps a DA when two DAs remove each other at the same moment", async () => {
    // Several rounds: without the company lock, most rounds end with no DA on PostgreSQL.
    for (let round = 0; round < 6; round++) {
      const { company, da, daMembershipId } = await companyWithDa();
      const other = await member(company.id, ["DELEGATED_ADMIN"]);
      const results = await Promise.allSettled([
        removeMember(da, company.id, other.membershipId, { confirm: true }, ctx),
        removeMember(other.user, company.id, daMembershipId, { confirm: true }, ctx),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const das = await db().roleAssignment.count({ where: { role: "DELEGATED_ADMIN", membership: { companyId: company.id } } });
      expect(das).toBe(1);
    }
  });
});

describe("apps of members who leave or lose API Developer", () => {
  it("asks for confirmation listing the apps, then suspends them with a reason", async () => {
    const { company, da } = await companyWithDa();
    const dev = await member(company.id, ["API_DEVELOPER"]);
    const other = await member(company.id, ["API_DEVELOPER"]);
    const a1 = await makeApp(db(), company.id, dev.user.id, { name: `Alpha ${n}` });
    const a2 = await makeApp(db(), company.id, dev.user.id, { name: `Beta ${n}`, status: "INACTIVE" });
    const kept = await makeApp(db(), company.id, other.user.id);

    const before = await snapshot(company.id);
    const preview = await setMemberRoles(da, company.id, dev.membershipId, { roles: ["DELEGATED_ADMIN"] }, {}, ctx);
    expect(preview.outcome).toBe("needs_confirmation");
    expect(preview.outcome === "needs_confirmation" && preview.apps.map((a) => a.id)).toEqual([a1.id, a2.id]);
    expect(await snapshot(company.id)).toEqual(before);

    const done = await setMemberRoles(da, company.id, dev.membershipId, { roles: ["DELEGATED_ADMIN"] }, { confirm: true }, ctx);
    expect(done.outcome).toBe("updated");
    const apps = await db().app.findMany({ where: { companyId: company.id }, orderBy: { name: "asc" } });
    expect(apps.find((a) => a.id === a1.id)).toMatchObject({
      status: "SUSPENDED",
      suspendedReason: `Its owner ${dev.user.email} no longer holds the API Developer role`,
    });
    expect(apps.find((a) => a.id === a2.id)?.status).toBe("SUSPENDED");
    expect(apps.find((a) => a.id === kept.id)?.status).toBe("ACTIVE");
    const audit = await db().auditLog.findMany({ where: { companyId: company.id, event: "app.suspended" } });
    expect(audit.map((a) => a.targetId).sort()).toEqual([a1.id, a2.id].sort());
  });

  it("suspends a removed member's apps, and only in that company", async () => {
    const { company, da } = await companyWithDa();
    const dev = await member(company.id, ["API_DEVELOPER"]);
    const elsewhere = await makeCompany(db());
    await addMemberRow(db(), elsewhere.id, dev.user.id, ["API_DEVELOPER"]);
    const here = await makeApp(db(), company.id, dev.user.id);
    const there = await makeApp(db(), elsewhere.id, dev.user.id);
    expect((await removeMember(da, company.id, dev.membershipId, {}, ctx)).outcome).toBe("needs_confirmation");
    expect(await db().membership.findUnique({ where: { id: dev.membershipId } })).not.toBeNull();
    const done = await removeMember(da, company.id, dev.membershipId, { confirm: true }, ctx);
    expect(done.outcome === "removed" && done.suspendedApps.map((a) => a.id)).toEqual([here.id]);
    expect((await db().app.findUniqueOrThrow({ where: { id: here.id } })).suspendedReason).toBe(
      `Its owner ${dev.user.email} was removed from the company`,
    );
    expect((await db().app.findUniqueOrThrow({ where: { id: there.id } })).status).toBe("ACTIVE");
  });

  it("lets a DA reassign a leaver's app to another API Developer (active again); restore is only for apps a DA suspended", async () => {
    const { company, da } = await companyWithDa();
    const dev = await member(company.id, ["API_DEVELOPER"]);
    const next = await member(company.id, ["API_DEVELOPER"]);
    const notDev = await member(company.id, ["DELEGATED_ADMIN"]);
    const outsider = await makeUser(db());
    const app1 = await makeApp(db(), company.id, dev.user.id);
    const app2 = await makeApp(db(), company.id, dev.user.id);
    await removeMember(da, company.id, dev.membershipId, { confirm: true }, ctx);

    for (const toUserId of [notDev.user.id, outsider.id, "usr_00000000000000000000", ""]) {
      const e = await expectAppError(reassignApp(da, company.id, app1.id, { toUserId }, ctx), "validation");
      expect(e.fieldErrors?.toUserId?.[0]).toMatch(/API Developer role|Choose the member/);
    }
    expect((await db().app.findUniqueOrThrow({ where: { id: app1.id } })).status).toBe("SUSPENDED");

    const moved = await reassignApp(da, company.id, app1.id, { toUserId: next.user.id }, ctx);
    expect(moved).toMatchObject({ status: "ACTIVE", suspendedReason: null, owner: { id: next.user.id } });
    await expectAppError(reassignApp(da, company.id, app1.id, { toUserId: next.user.id }, ctx), "validation");

    // Contract decision: a leaver's app comes back only by reassigning it (with a new secret).
    const leaverApp = await expectAppError(restoreApp(da, company.id, app2.id, ctx), "conflict");
    expect(leaverApp.message).toMatch(/Reassign it to another API Developer/);
    await reassignApp(da, company.id, app2.id, { toUserId: next.user.id }, ctx);
    await suspendApp(da, company.id, app2.id, { reason: "Audit" }, ctx);
    const restored = await restoreApp(da, company.id, app2.id, ctx);
    expect(restored).toMatchObject({ status: "ACTIVE", suspendedReason: null });
    expect(await restoreApp(da, company.id, app2.id, ctx).catch((e: Error) => e.message)).toMatch(/is not suspended/);

    await suspendApp(da, company.id, app2.id, { reason: "Leaked secret" }, ctx);
    expect((await db().app.findUniqueOrThrow({ where: { id: app2.id } })).suspendedReason).toBe("Leaked secret");
    await expectAppError(suspendApp(da, company.id, app2.id, {}, ctx), "conflict");

    const list = await listCompanyApps(da, company.id);
    expect(list.map((a) => [a.id, a.owner?.email ?? null, a.status]).sort()).toEqual(
      [
        [app1.id, next.user.email, "ACTIVE"],
        [app2.id, next.user.email, "SUSPENDED"],
      ].sort(),
    );
    const events = (
      await db().auditLog.findMany({ where: { companyId: company.id, targetType: "app" }, orderBy: { createdAt: "asc" } })
    ).map((a) => a.event);
    expect(events).toEqual([
      "app.suspended",
      "app.suspended",
      "app.reassigned",
      "app.reassigned",
      "app.suspended",
      "app.restored",
      "app.suspended",
    ]);
  });

  it("pages the company's apps newest first, both ways, searches them and counts the suspended", async () => {
    const { company, da } = await companyWithDa();
    const dev = await member(company.id, ["API_DEVELOPER"]);
    const base = Date.UTC(2026, 0, 1);
    const apps: { id: string }[] = [];
    for (let i = 0; i < 7; i++) {
      apps.push(
        await makeApp(db(), company.id, i % 2 ? dev.user.id : da.id, { name: `Paged ${i}`, status: i === 3 ? "SUSPENDED" : "ACTIVE" }),
      );
      // Two apps share each instant, so the id breaks ties.
      await db().app.update({ where: { id: apps[i]!.id }, data: { createdAt: new Date(base + Math.floor(i / 2) * 1000) } });
    }
    await makeApp(db(), (await companyWithDa()).company.id, null, { name: "Paged elsewhere" });
    const newestFirst = [...apps]
      .map((a, i) => ({ id: a.id, at: base + Math.floor(i / 2) * 1000 }))
      .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
      .map((a) => a.id);

    const first = await companyAppsPage(da, company.id, { limit: 3 });
    expect(first).toMatchObject({ total: 7, totalCapped: false, suspended: 1, suspendedCapped: false, prevCursor: null });
    const second = await companyAppsPage(da, company.id, { limit: 3, after: first.nextCursor! });
    const third = await companyAppsPage(da, company.id, { limit: 3, after: second.nextCursor! });
    expect(third.nextCursor).toBeNull();
    expect([...first.apps, ...second.apps, ...third.apps].map((a) => a.id)).toEqual(newestFirst);
    expect(second.apps.map((a) => a.owner?.email)).toEqual(
      second.apps.map((a) => (apps.findIndex((x) => x.id === a.id) % 2 ? dev.user.email : da.email)),
    );
    const back = await companyAppsPage(da, company.id, { limit: 3, before: second.prevCursor! });
    expect(back.apps.map((a) => a.id)).toEqual(first.apps.map((a) => a.id));
    expect(back.prevCursor).toBeNull();

    const found = await companyAppsPage(da, company.id, { q: "  PAGED 3 " });
    expect(found.apps.map((a) => [a.name, a.status, a.suspendedKind])).toEqual([["Paged 3", "SUSPENDED", null]]);
    expect(found).toMatchObject({ total: 1, suspended: 1 });
    expect((await companyAppsPage(da, company.id, { q: "elsewhere" })).apps).toEqual([]);
    await expectAppError(companyAppsPage(dev.user, company.id), "not_found");
  });

  it("refuses app actions to API Developers and plain members", async () => {
    const { company } = await companyWithDa();
    const dev = await member(company.id, ["API_DEVELOPER"]);
    const app = await makeApp(db(), company.id, dev.user.id, { status: "SUSPENDED" });
    await expectAppError(restoreApp(dev.user, company.id, app.id, ctx), "not_found");
    await expectAppError(reassignApp(dev.user, company.id, app.id, { toUserId: dev.user.id }, ctx), "not_found");
    await expectAppError(listCompanyApps(dev.user, company.id), "not_found");
    expect((await db().app.findUniqueOrThrow({ where: { id: app.id } })).status).toBe("SUSPENDED");
  });
});

describe("tenant isolation", () => {
  it("answers not found to a DA of company A for anything of company B, and changes nothing", async () => {
    const a = await companyWithDa();
    const b = await companyWithDa();
    const bDev = await member(b.company.id, ["API_DEVELOPER"]);
    const bApp = await makeApp(db(), b.company.id, bDev.user.id, { status: "SUSPENDED" });
    await addMember(b.da, b.company.id, { email: email("b-invite"), roles: ["API_DEVELOPER"] }, ctx);
    const bInvitation = await db().invitation.findFirstOrThrow({ where: { companyId: b.company.id } });
    const before = await snapshot(b.company.id);

    // B's records addressed through A's company (the page's company) ...
    await expectAppError(getMember(a.da, a.company.id, bDev.membershipId), "not_found");
    await expectAppError(setMemberRoles(a.da, a.company.id, bDev.membershipId, { roles: ["DELEGATED_ADMIN"] }, {}, ctx), "not_found");
    await expectAppError(removeMember(a.da, a.company.id, bDev.membershipId, { confirm: true }, ctx), "not_found");
    await expectAppError(restoreApp(a.da, a.company.id, bApp.id, ctx), "not_found");
    await expectAppError(reassignApp(a.da, a.company.id, bApp.id, { toUserId: a.da.id }, ctx), "not_found");
    await expectAppError(withdrawInvitation(a.da, a.company.id, bInvitation.id, {}, ctx), "not_found");
    // ... and through B's company directly.
    await expectAppError(listMembers(a.da, b.company.id), "not_found");
    await expectAppError(getMember(a.da, b.company.id, bDev.membershipId), "not_found");
    await expectAppError(removeMember(a.da, b.company.id, bDev.membershipId, { confirm: true }, ctx), "not_found");
    await expectAppError(addMember(a.da, b.company.id, { email: email("x"), roles: ["API_DEVELOPER"] }, ctx), "not_found");
    await expectAppError(listCompanyApps(a.da, b.company.id), "not_found");
    await expectAppError(companyAppsPage(a.da, b.company.id), "not_found");
    await expectAppError(restoreApp(a.da, b.company.id, bApp.id, ctx), "not_found");
    await expectAppError(withdrawInvitation(a.da, b.company.id, bInvitation.id, {}, ctx), "not_found");
    expect(await snapshot(b.company.id)).toEqual(before);
  });
});
