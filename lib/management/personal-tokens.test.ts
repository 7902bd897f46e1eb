import { describe, expect, it } from "vitest";
import { db } from "../db";
import { generateChecksummedToken, isWellFormedToken } from "../apps/credentials";
import { authenticatePersonalToken, createPersonalToken, listPersonalTokens, revokePersonalToken } from "./personal-tokens";
import { makeDeveloperCompany } from "../../tests/app-factories";
import { makeUser } from "../../tests/factories";

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
    const created = await createPersonalToken(user, { name: "CI deploys", companyId: company.id, expiresInDays: 90, scopes: ["apps:write", "apps:read"] }, ctx);
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
    const stranger = await makeUser();
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
