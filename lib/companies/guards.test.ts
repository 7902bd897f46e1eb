import { describe, expect, it } from "vitest";
import { makeCompany } from "../../tests/factories/companies";
import { addMember, makeUser } from "../../tests/factories/people";
import { db } from "../db";
import { requireCompanyRole, rolesIn } from "./guards";

describe("an actor's roles in a company, from the database", () => {
  it("every role of an active member; none for a member without one, a stranger or a suspended account", async () => {
    const company = await makeCompany(db());
    const other = await makeCompany(db());
    const da = await makeUser(db());
    const bare = await makeUser(db());
    const stranger = await makeUser(db());
    await addMember(db(), company.id, da.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
    await addMember(db(), other.id, da.id, ["API_DEVELOPER"]);
    await addMember(db(), company.id, bare.id, []);

    expect((await rolesIn(db(), da.id, company.id)).sort()).toEqual(["API_DEVELOPER", "DELEGATED_ADMIN"]);
    expect(await rolesIn(db(), da.id, other.id)).toEqual(["API_DEVELOPER"]);
    expect(await rolesIn(db(), bare.id, company.id)).toEqual([]);
    expect(await rolesIn(db(), stranger.id, company.id)).toEqual([]);
    // Inside a transaction too (the company modules check there).
    expect((await db().$transaction((tx) => rolesIn(tx, da.id, company.id))).sort()).toEqual(["API_DEVELOPER", "DELEGATED_ADMIN"]);

    const actor = { id: da.id, email: da.email };
    await expect(requireCompanyRole(db(), actor, company.id, "audit.read.company")).resolves.toBeDefined();
    await expect(requireCompanyRole(db(), actor, other.id, "audit.read.company")).rejects.toThrow("That company was not found.");
    await db().user.update({ where: { id: da.id }, data: { status: "SUSPENDED" } });
    expect(await rolesIn(db(), da.id, company.id)).toEqual([]);
    await expect(requireCompanyRole(db(), actor, company.id, "audit.read.company")).rejects.toThrow("That company was not found.");
  });
});
