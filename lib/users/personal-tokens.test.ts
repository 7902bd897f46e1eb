import { describe, expect, it } from "vitest";
import { addPerson, makeDeveloperCompany } from "../../tests/factories/domain";
import { addMember, makeUser } from "../../tests/factories/people";
import { generateChecksummedToken, isWellFormedToken } from "../apps/credentials";
import { db } from "../db";
import {
  authenticatePersonalToken,
  createPersonalToken,
  listCompanyPersonalTokens,
  listPersonalTokens,
  revokeCompanyPersonalToken,
  revokePersonalToken,
} from "./personal-tokens";

const ctx = { ip: "203.0.113.5", userAgent: "vitest" };

describe("personal access tokens", () => {
  it("are apcp_ prefixed and checksummed; a changed character fails the checksum", () => {
    const t = generateChecksummedToken("personal");
    expect(t).toMatch(/^apcp_[0-9A-Za-z]{38}$/);
    expect(isWellFormedToken("personal", t)).toBe(true);
    const flipped = t.slice(0, 10) + (t[10] === "a" ? "b" : "a") + t.slice(11);
    expect(isWellFormedToken("personal", flipped)).toBe(false);
    expect(isWellFormedToken("initialAccess", t)).toBe(false);
  });

  it("are stored as digests, listed without values, audited, and revoked at once", async () => {
    const { user, company } = await makeDeveloperCompany();
    const created = await createPersonalToken(
      user,
      { name: "CI deploys", companyId: company.id, expiresInDays: 90, scopes: ["apps:write", "apps:read"] },
      ctx,
    );
    const row = await db().personalAccessToken.findUniqueOrThrow({ where: { id: created.row.id } });
    expect(row.digest).not.toContain(created.token);
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(row.scopes).toEqual(["apps:read", "apps:write"]);
    expect(Math.round((row.expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(90);
    const audit = await db().auditLog.findFirstOrThrow({ where: { event: "personal_token.created", targetId: row.id } });
    expect(JSON.stringify(audit)).not.toContain(created.token);

    const principal = await authenticatePersonalToken(created.token);
    expect(principal).toMatchObject({ tokenId: row.id, roles: ["API_DEVELOPER"], company: { id: company.id } });
    const [listed] = await listPersonalTokens(user.id);
    expect(listed).toMatchObject({ id: row.id, name: "CI deploys", state: "active", lastFour: created.token.slice(-4) });
    expect(listed!.lastUsedAt).toBeInstanceOf(Date);

    // Someone else cannot revoke it; its owner can, and it stops working at once.
    const stranger = await makeUser(db());
    await expect(revokePersonalToken(stranger, row.id, ctx)).rejects.toMatchObject({ code: "not_found" });
    await revokePersonalToken(user, row.id, ctx);
    await expect(authenticatePersonalToken(created.token)).rejects.toMatchObject({ code: "unauthenticated" });
    expect((await listPersonalTokens(user.id))[0]!.state).toBe("revoked");
  });

  it("require a company the person belongs to, an expiry of at most a year, and at least one scope", async () => {
    const { user, company } = await makeDeveloperCompany();
    const other = await makeDeveloperCompany();
    const base = { name: "x", companyId: company.id, expiresInDays: 30, scopes: ["apps:read"] };
    await expect(createPersonalToken(user, { ...base, companyId: other.company.id }, ctx)).rejects.toMatchObject({ code: "validation" });
    await expect(createPersonalToken(user, { ...base, expiresInDays: 367 }, ctx)).rejects.toMatchObject({ code: "validation" });
    await expect(createPersonalToken(user, { ...base, expiresInDays: undefined }, ctx)).rejects.toMatchObject({ code: "validation" });
    await expect(createPersonalToken(user, { ...base, scopes: [] }, ctx)).rejects.toMatchObject({ code: "validation" });
    await expect(createPersonalToken(user, { ...base, scopes: ["root"] }, ctx)).rejects.toMatchObject({ code: "validation" });
  });
});

describe("a Delegated Administrator and the company's personal access tokens", () => {
  it("lists every token made for the company (owners named, never values), only to its Delegated Administrators", async () => {
    const { user: dev, company } = await makeDeveloperCompany();
    const { user: da } = await addPerson(company, ["DELEGATED_ADMIN"]);
    const mine = await createPersonalToken(dev, { name: "Deploys", companyId: company.id, expiresInDays: 30, scopes: ["apps:read"] }, ctx);
    const theirs = await createPersonalToken(
      da,
      { name: "HR sync", companyId: company.id, expiresInDays: 30, scopes: ["members:write"] },
      ctx,
    );
    // A token the developer made for another company is not this company's business.
    const other = await makeDeveloperCompany();
    await addMember(db(), other.company.id, dev.id, ["API_DEVELOPER"]);
    const elsewhere = await createPersonalToken(
      dev,
      { name: "Elsewhere", companyId: other.company.id, expiresInDays: 30, scopes: ["apps:read"] },
      ctx,
    );

    const listed = await listCompanyPersonalTokens(da, company.id);
    expect(listed.map((t) => t.id).sort()).toEqual([mine.row.id, theirs.row.id].sort());
    expect(listed.find((t) => t.id === mine.row.id)).toMatchObject({
      name: "Deploys",
      state: "active",
      scopes: ["apps:read"],
      owner: { id: dev.id, email: dev.email, member: true },
    });
    expect(JSON.stringify(listed)).not.toContain(mine.token);
    expect(JSON.stringify(listed)).not.toContain(elsewhere.token);
    // An API Developer, a stranger and another company's DA get "not found".
    await expect(listCompanyPersonalTokens(dev, company.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(listCompanyPersonalTokens(await makeUser(db()), company.id)).rejects.toMatchObject({ code: "not_found" });
    const { user: otherDa } = await addPerson(other.company, ["DELEGATED_ADMIN"]);
    await expect(listCompanyPersonalTokens(otherDa, company.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("revokes a member's token at once, audited with the owner, and mails the owner; another company's token is not found", async () => {
    const { user: dev, company } = await makeDeveloperCompany();
    const { user: da } = await addPerson(company, ["DELEGATED_ADMIN"]);
    const created = await createPersonalToken(
      dev,
      { name: "Leaky token", companyId: company.id, expiresInDays: 30, scopes: ["apps:read"] },
      ctx,
    );
    const other = await makeDeveloperCompany();
    const { user: otherDa } = await addPerson(other.company, ["DELEGATED_ADMIN"]);
    const foreign = await createPersonalToken(
      other.user,
      { name: "Foreign", companyId: other.company.id, expiresInDays: 30, scopes: ["apps:read"] },
      ctx,
    );

    // Another company's DA, and this company's DA asking for another company's token: not found.
    await expect(revokeCompanyPersonalToken(otherDa, company.id, created.row.id, ctx)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeCompanyPersonalToken(da, company.id, foreign.row.id, ctx)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeCompanyPersonalToken(dev, company.id, created.row.id, ctx)).rejects.toMatchObject({ code: "not_found" });
    expect((await authenticatePersonalToken(created.token)).tokenId).toBe(created.row.id);
    expect((await authenticatePersonalToken(foreign.token)).tokenId).toBe(foreign.row.id);

    expect(await revokeCompanyPersonalToken(da, company.id, created.row.id, ctx)).toEqual({ name: "Leaky token", ownerEmail: dev.email });
    await expect(authenticatePersonalToken(created.token)).rejects.toMatchObject({ code: "unauthenticated" });
    const audit = await db().auditLog.findFirstOrThrow({ where: { event: "personal_token.revoked", targetId: created.row.id } });
    expect(audit).toMatchObject({ actorId: da.id, companyId: company.id, ip: ctx.ip });
    expect(audit.metadata).toMatchObject({ name: "Leaky token", ownerId: dev.id, ownerEmail: dev.email, byDelegatedAdministrator: true });
    const mail = await db().outboxMail.findFirstOrThrow({ where: { toAddress: dev.email, subject: { contains: "Leaky token" } } });
    expect(mail.kind).toBe("security_notice");
    expect(mail.text).toContain(da.email);
    expect(mail.text).toContain(created.token.slice(-4));
    expect(mail.text).not.toContain(created.token);
    // A second revocation changes nothing: no second audit entry or mail.
    await revokeCompanyPersonalToken(da, company.id, created.row.id, ctx);
    expect(await db().auditLog.count({ where: { event: "personal_token.revoked", targetId: created.row.id } })).toBe(1);
    expect(await db().outboxMail.count({ where: { toAddress: dev.email, subject: { contains: "Leaky token" } } })).toBe(1);
    expect((await listCompanyPersonalTokens(da, company.id)).find((t) => t.id === created.row.id)?.state).toBe("revoked");
    expect((await authenticatePersonalToken(foreign.token)).tokenId).toBe(foreign.row.id);
  });
});
