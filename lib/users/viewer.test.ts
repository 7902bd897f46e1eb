import { describe, expect, it } from "vitest";
import { makeCompany } from "../../tests/factories/companies";
import { addMember, makeUser } from "../../tests/factories/people";
import { db } from "../db";
import { loadViewer } from "./viewer";

const now = () => Math.floor(Date.now() / 1000);
const session = (userId: string) => ({ userId, sessionId: "ses_test", authTime: now() });

describe("the viewer of a live session", () => {
  it("lists the memberships oldest first with their roles, and acts for the chosen company or the first", async () => {
    const user = await makeUser(db());
    const first = await makeCompany(db());
    const second = await makeCompany(db(), { status: "SUSPENDED" });
    const third = await makeCompany(db());
    const a = await addMember(db(), first.id, user.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
    const b = await addMember(db(), second.id, user.id, []);
    const c = await addMember(db(), third.id, user.id, ["API_DEVELOPER"]);
    // Added out of order: the list follows when each membership began.
    await db().membership.update({ where: { id: a.id }, data: { createdAt: new Date("2026-01-02T00:00:00Z") } });
    await db().membership.update({ where: { id: b.id }, data: { createdAt: new Date("2026-01-03T00:00:00Z") } });
    await db().membership.update({ where: { id: c.id }, data: { createdAt: new Date("2026-01-01T00:00:00Z") } });

    const viewer = await loadViewer(session(user.id), async () => undefined);
    expect(viewer?.memberships.map((m) => m.companyId)).toEqual([third.id, first.id, second.id]);
    expect(viewer?.memberships.map((m) => [...m.roles].sort())).toEqual([["API_DEVELOPER"], ["API_DEVELOPER", "DELEGATED_ADMIN"], []]);
    expect(viewer?.memberships[2]).toMatchObject({ companyName: second.name, companyStatus: "SUSPENDED" });
    expect(viewer?.active?.companyId).toBe(third.id);
    expect(viewer?.user).toMatchObject({ id: user.id, email: user.email, emailVerified: true, guidesDismissed: "" });

    expect((await loadViewer(session(user.id), async () => second.id))?.active?.companyId).toBe(second.id);
    // A company the person does not belong to is not theirs to act for.
    const stranger = await makeCompany(db());
    expect((await loadViewer(session(user.id), async () => stranger.id))?.active?.companyId).toBe(third.id);
  });

  it("an unverified address reaches no company; a suspended account or an older session none at all", async () => {
    const company = await makeCompany(db());
    const unverified = await makeUser(db(), { verified: false });
    await addMember(db(), company.id, unverified.id, ["API_DEVELOPER"]);
    const viewer = await loadViewer(session(unverified.id), async () => company.id);
    expect(viewer?.memberships).toEqual([]);
    expect(viewer?.active).toBeNull();

    const user = await makeUser(db());
    await addMember(db(), company.id, user.id, ["API_DEVELOPER"]);
    await db().user.update({ where: { id: user.id }, data: { sessionsValidAfter: new Date(Date.now() + 60_000) } });
    expect(await loadViewer(session(user.id), async () => undefined)).toBeNull();
    await db().user.update({ where: { id: user.id }, data: { sessionsValidAfter: new Date(0), status: "SUSPENDED" } });
    expect(await loadViewer(session(user.id), async () => undefined)).toBeNull();
    expect(await loadViewer(session("usr_missing"), async () => undefined)).toBeNull();
  });
});
