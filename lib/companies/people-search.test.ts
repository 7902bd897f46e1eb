import { describe, expect, it } from "vitest";
import { expectAppError } from "../../tests/assertions";
import { makeCompany } from "../../tests/factories/companies";
import { addMember, makeUser } from "../../tests/factories/people";
import { db } from "../db";
import { searchPeople } from "./people-search";

const person = (u: { id: string; email: string }) => ({ id: u.id, email: u.email });

describe("searchPeople", () => {
  it("finds a company's people by name or email for its DA, every company's for the platform administrator, and no one for others", async () => {
    const stamp = `${Date.now().toString(36)}${process.pid}`;
    const [a, b] = [await makeCompany(db()), await makeCompany(db())];
    const da = await makeUser(db());
    await addMember(db(), a.id, da.id, ["DELEGATED_ADMIN"]);
    const dev = await makeUser(db());
    await addMember(db(), a.id, dev.id, ["API_DEVELOPER"]);
    const inA = await makeUser(db(), { name: `Orla Findable ${stamp}`, email: `orla.${stamp}@example.com` });
    await addMember(db(), a.id, inA.id, ["API_DEVELOPER"]);
    const inB = await makeUser(db(), { name: `Orla Elsewhere ${stamp}` });
    await addMember(db(), b.id, inB.id, ["API_DEVELOPER"]);
    const admin = await makeUser(db(), { isPlatformAdmin: true });

    const byName = await searchPeople(person(da), `Orla`, a.id);
    expect(byName.map((h) => h.email)).toContain(inA.email);
    expect(byName.map((h) => h.email)).not.toContain(inB.email);
    expect((await searchPeople(person(da), `orla.${stamp}`, a.id)).map((h) => h.membershipId)).toHaveLength(1);
    // Whatever the case, on both databases.
    expect((await searchPeople(person(da), `ORLA FINDABLE ${stamp}`, a.id)).map((h) => h.email)).toEqual([inA.email]);

    const everywhere = await searchPeople(person(admin), stamp, null, 50);
    expect(everywhere.map((h) => [h.email, h.companyName]).sort()).toEqual(
      [
        [inA.email, a.name],
        [inB.email, b.name],
      ].sort(),
    );

    // A developer may not read the company's people; a DA not another company's; nobody but the platform administrator every company's.
    await expectAppError(searchPeople(person(dev), "Orla", a.id), "not_found");
    await expectAppError(searchPeople(person(da), "Orla", b.id), "not_found");
    await expectAppError(searchPeople(person(da), "Orla", null), "not_found");
    expect(await searchPeople(person(da), "   ", a.id)).toEqual([]);
  });
});
