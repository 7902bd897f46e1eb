import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { refusal } from "../../../tests/assertions";
import { makeCompany } from "../../../tests/factories/companies";
import { addMember, makeUser } from "../../../tests/factories/people";
import { db } from "../../db";
import { LIMITS } from "../../limiter";
import { decrypt } from "../crypto";
import {
  confirmTotpSetup,
  hasSecondFactor,
  regenerateRecoveryCodes,
  resetSecondFactor,
  startTotpSetup,
  verifySecondFactorCode,
} from "./factors";
import { newRecoveryCodes, normaliseRecoveryCode } from "./recovery-codes";
import { isFreshStepUp, issueStepUpProof, readStepUpProof } from "./step-up";
import { checkTotpCode, newTotpSecret } from "./totp";

const ctx = { ip: "203.0.113.77", userAgent: "vitest" };
const now = () => Math.floor(Date.now() / 1000);

async function enrolled() {
  const user = await makeUser(db());
  const person = { id: user.id, email: user.email };
  const setup = await startTotpSetup(person);
  // The first code confirms the app; it is the code of the previous step, so the current one is still unused.
  // When a 30 s boundary passes between making that code and checking it, it is two steps old and refused:
  // then it is made once more (no wait, no timing assumption).
  const confirm = async () => confirmTotpSetup(person, await generate({ secret: setup.secret, epoch: now() - 30 }), ctx);
  const { recoveryCodes } = await confirm().catch(confirm);
  return { person, secret: setup.secret, recoveryCodes: recoveryCodes! };
}

describe("TOTP codes", () => {
  it("accepts a code one step either side of now, and not two steps away", async () => {
    const secret = newTotpSecret();
    const t = 1_800_000_000; // a step boundary: 1_800_000_000 / 30 is whole
    const code = await generate({ secret, epoch: t });
    expect((await checkTotpCode(secret, code, null, t)).ok).toBe(true);
    expect((await checkTotpCode(secret, code, null, t + 30)).ok).toBe(true);
    expect((await checkTotpCode(secret, code, null, t - 30)).ok).toBe(true);
    expect(await checkTotpCode(secret, code, null, t + 60)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkTotpCode(secret, "12345", null, t)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a code whose time step is not after the last one accepted (replay)", async () => {
    const secret = newTotpSecret();
    const t = 1_800_000_000;
    const code = await generate({ secret, epoch: t });
    const first = await checkTotpCode(secret, code, null, t);
    expect(first).toEqual({ ok: true, timeStep: t / 30 });
    expect(await checkTotpCode(secret, code, t / 30, t)).toEqual({ ok: false, reason: "replayed" });
    const next = await generate({ secret, epoch: t + 30 });
    expect((await checkTotpCode(secret, next, t / 30, t + 30)).ok).toBe(true);
  });

  it("stores the secret sealed, and a code is accepted once", async () => {
    const { person, secret } = await enrolled();
    const row = await db().totpFactor.findUniqueOrThrow({ where: { userId: person.id } });
    expect(row.secretCiphertext).not.toContain(secret);
    expect(decrypt(row.secretCiphertext, "secret-encryption", `totp:${person.id}`)).toBe(secret);
    expect(await hasSecondFactor(person.id)).toBe(true);
    const code = await generate({ secret, epoch: now() });
    await expect(verifySecondFactorCode(person, code, ctx)).resolves.toEqual({ method: "totp" });
    const again = await refusal(verifySecondFactorCode(person, code, ctx));
    expect(again.code).toBe("unauthenticated");
    const failures = await db().auditLog.count({ where: { targetId: person.id, event: "two_factor.challenge_failed" } });
    expect(failures).toBe(1);
  });

  it("refuses a wrong first code and keeps the app unconfirmed", async () => {
    const user = await makeUser(db());
    const person = { id: user.id, email: user.email };
    await startTotpSetup(person);
    const error = await refusal(confirmTotpSetup(person, "000000", ctx));
    expect(error.fieldErrors?.code?.length).toBe(1);
    expect(await hasSecondFactor(person.id)).toBe(false);
  });
});

describe("recovery codes", () => {
  it("makes 10 distinct codes and stores only keyed digests", async () => {
    const { person, recoveryCodes } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const rows = await db().recoveryCode.findMany({ where: { userId: person.id } });
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      for (const code of recoveryCodes) {
        expect(row.codeDigest).not.toContain(normaliseRecoveryCode(code)!);
        expect(row.codeDigest).not.toContain(code);
      }
      expect(row.codeDigest).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it("accepts a recovery code once (case and dashes ignored), audits it, then refuses it", async () => {
    const { person, recoveryCodes } = await enrolled();
    const code = recoveryCodes[3]!;
    await expect(verifySecondFactorCode(person, ` ${code.toUpperCase().replace("-", " ")} `, ctx)).resolves.toEqual({
      method: "recovery_code",
    });
    expect((await refusal(verifySecondFactorCode(person, code, ctx))).code).toBe("unauthenticated");
    const used = await db().auditLog.findFirst({ where: { targetId: person.id, event: "two_factor.recovery_code_used" } });
    expect(used?.metadata).toMatchObject({ left: 9 });
  });

  it("regenerating makes the old codes stop working", async () => {
    const { person, recoveryCodes } = await enrolled();
    const fresh = await regenerateRecoveryCodes(person, ctx);
    expect(fresh.some((c) => recoveryCodes.includes(c))).toBe(false);
    expect((await refusal(verifySecondFactorCode(person, recoveryCodes[0]!, ctx))).code).toBe("unauthenticated");
    await expect(verifySecondFactorCode(person, fresh[0]!, ctx)).resolves.toEqual({ method: "recovery_code" });
  });

  it("normalises and refuses what cannot be a code", () => {
    expect(normaliseRecoveryCode("ABCDE-FGHJK")).toBe("abcdefghjk");
    expect(normaliseRecoveryCode("abcde-fghj")).toBeNull();
    expect(normaliseRecoveryCode("abcde-fghi1")).toBeNull();
    for (const code of newRecoveryCodes()) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  });
});

describe("a few wrong codes lock the second step (lib/limiter lockouts)", () => {
  const lockRow = (userId: string) => db().throttleBucket.findUnique({ where: { key: `lk:secondFactorPerAccount:2fa:account:${userId}` } });

  it("the 6th wrong recovery code is refused, and even the right one then waits (unspent), saying when to retry", async () => {
    const { person, recoveryCodes } = await enrolled();
    expect(LIMITS.secondFactorPerAccount.limit).toBe(5);
    // From five addresses (no address limit is reached): the account is what counts.
    for (let i = 0; i < 5; i++) {
      const wrong = await refusal(verifySecondFactorCode(person, "aaaaa-aaaaa", { ...ctx, ip: `198.51.100.${i + 20}` }));
      expect(wrong.code).toBe("unauthenticated");
    }
    const sixth = await refusal(verifySecondFactorCode(person, "bbbbb-bbbbb", { ...ctx, ip: "198.51.100.30" }));
    expect(sixth.code).toBe("rate_limited");
    expect(sixth.message).toMatch(/^Too many wrong codes\. Try again in \d+ seconds?\.$/);
    expect(sixth.retryAfterSeconds).toBeGreaterThan(0);
    expect(sixth.retryAfterSeconds).toBeLessThanOrEqual(LIMITS.secondFactorPerAccount.lockSeconds);
    const right = await refusal(verifySecondFactorCode(person, recoveryCodes[0]!, { ...ctx, ip: "198.51.100.31" }));
    expect(right.code).toBe("rate_limited");
    expect(await db().recoveryCode.count({ where: { userId: person.id, usedAt: null } })).toBe(10);
    // Audited: five failures (the refused tries were not looked at).
    expect(await db().auditLog.count({ where: { targetId: person.id, event: "two_factor.challenge_failed" } })).toBe(5);
  });

  it("authenticator codes too; once the lock has passed, the next wrong code locks twice as long, and a right one clears it", async () => {
    const { person, secret } = await enrolled();
    for (let i = 0; i < 5; i++) await refusal(verifySecondFactorCode(person, "000000", { ...ctx, ip: `198.51.100.${i + 40}` }));
    const locked = await refusal(verifySecondFactorCode(person, await generate({ secret, epoch: now() }), { ...ctx, ip: "198.51.100.50" }));
    expect(locked.code).toBe("rate_limited");
    // The lock passes (set in the past here instead of waiting).
    const row = await lockRow(person.id);
    expect(row?.lockedUntil).not.toBeNull();
    await db().throttleBucket.update({ where: { key: row!.key }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await refusal(verifySecondFactorCode(person, "000001", { ...ctx, ip: "198.51.100.51" }))).code).toBe("unauthenticated");
    const longer = await refusal(verifySecondFactorCode(person, "000002", { ...ctx, ip: "198.51.100.52" }));
    expect(longer.code).toBe("rate_limited");
    expect(longer.retryAfterSeconds).toBeGreaterThan(LIMITS.secondFactorPerAccount.lockSeconds);
    expect(longer.retryAfterSeconds).toBeLessThanOrEqual(2 * LIMITS.secondFactorPerAccount.lockSeconds);
    // Once it passes again, the right code is accepted and the account's count starts again.
    await db().throttleBucket.update({ where: { key: row!.key }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    await expect(
      verifySecondFactorCode(person, await generate({ secret, epoch: now() }), { ...ctx, ip: "198.51.100.53" }),
    ).resolves.toEqual({
      method: "totp",
    });
    expect(await lockRow(person.id)).toBeNull();
  });

  it("an address is locked after 20 wrong codes, whichever accounts they were for", async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 200) + 20}`;
    const people = await Promise.all(Array.from({ length: 5 }, () => enrolled()));
    for (let i = 0; i < LIMITS.secondFactorPerAddress.limit; i++) {
      await refusal(verifySecondFactorCode(people[i % 5]!.person, "000000", { ...ctx, ip }));
    }
    const other = await enrolled();
    expect((await refusal(verifySecondFactorCode(other.person, "000000", { ...ctx, ip }))).code).toBe("rate_limited");
    expect((await refusal(verifySecondFactorCode(other.person, "000000", { ...ctx, ip: "192.0.2.250" }))).code).toBe("unauthenticated");
  });
});

describe("step-up proof", () => {
  it("counts only for its user, inside the session and the window", () => {
    const t = now();
    const proof = issueStepUpProof("usr_a", t);
    expect(readStepUpProof(proof, "usr_a")).toBe(t);
    expect(readStepUpProof(proof, "usr_b")).toBeNull();
    expect(
      readStepUpProof(
        proof.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
        "usr_a",
      ),
    ).toBeNull();
    expect(isFreshStepUp(t, t - 100, t + 10, 600)).toBe(true);
    expect(isFreshStepUp(t, t - 100, t + 601, 600)).toBe(false);
    expect(isFreshStepUp(t, t + 100, t + 110, 600)).toBe(false); // made before this session began
    expect(isFreshStepUp(null, t, t, 600)).toBe(false);
  });
});

describe("who must have a second factor", () => {
  const viewerOf = (
    user: { id: string; email: string; name: string; isPlatformAdmin: boolean },
    companies: { id: string; name: string }[],
  ) => ({
    user: { ...user, emailVerified: true },
    sessionId: "ses_test",
    authTime: now(),
    memberships: companies.map((c) => ({
      companyId: c.id,
      companyName: c.name,
      companyStatus: "ACTIVE",
      roles: ["API_DEVELOPER" as const],
    })),
    active: null,
  });

  it("a company's policy, the platform's, and CONSOLE_REQUIRE_2FA_FOR_ADMINS for platform administrators", async () => {
    const { twoFactorRequirement, isTwoFactorRequired, setCompanyTwoFactorPolicy, setPlatformTwoFactorPolicy } = await import("./policy");
    // The reason, and the one-statement yes/no every page asks (isTwoFactorRequired) agreeing with it.
    const requirement = async (who: Parameters<typeof twoFactorRequirement>[0]) => {
      const reason = await twoFactorRequirement(who);
      expect(await isTwoFactorRequired(who)).toBe(reason !== null);
      return reason;
    };
    const { resetEnvCache } = await import("../../env");
    const member = await makeUser(db());
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const company = await makeCompany(db());
    const viewer = viewerOf(member, [{ id: company.id, name: company.name }]);
    expect(await requirement(viewer)).toBeNull();

    await setCompanyTwoFactorPolicy({ id: admin.id, email: admin.email }, company.id, true, ctx);
    expect(await requirement(viewer)).toBe(`${company.name} requires two-step sign-in.`);
    const audit = await db().auditLog.findFirst({ where: { companyId: company.id, event: "company.two_factor_policy_changed" } });
    expect(audit?.metadata).toMatchObject({ requireTwoFactor: true });
    await setCompanyTwoFactorPolicy({ id: admin.id, email: admin.email }, company.id, false, ctx);
    expect(await requirement(viewer)).toBeNull();

    const adminViewer = viewerOf(admin, []);
    expect(await requirement(adminViewer)).toBeNull();
    process.env.CONSOLE_REQUIRE_2FA_FOR_ADMINS = "1";
    resetEnvCache();
    try {
      expect(await requirement(adminViewer)).toBe("Platform administrators must use two-step sign-in.");
      expect(await requirement(viewer)).toBeNull();
    } finally {
      delete process.env.CONSOLE_REQUIRE_2FA_FOR_ADMINS;
      resetEnvCache();
    }

    await setPlatformTwoFactorPolicy({ id: admin.id, email: admin.email }, true, ctx);
    try {
      expect(await requirement(viewer)).toBe("The platform requires two-step sign-in.");
    } finally {
      await setPlatformTwoFactorPolicy({ id: admin.id, email: admin.email }, false, ctx);
    }
    expect(await requirement(viewer)).toBeNull();
  });
});

describe("resetting someone else's second factor", () => {
  const RESET = "Your two-step sign-in was reset";

  /** A new company and its Delegated Administrator, named `name`. */
  async function companyWithDa(name: string) {
    const company = await makeCompany(db());
    const da = await makeUser(db(), { name });
    await addMember(db(), company.id, da.id, ["DELEGATED_ADMIN"]);
    return { company, da };
  }

  it("a company does not own a stranger's account: its Delegated Administrators cannot reset a member's factor", async () => {
    const { company, da } = await companyWithDa("Dana Admin");
    const { person } = await enrolled();
    await addMember(db(), company.id, person.id, ["API_DEVELOPER"]);
    // Enrolling was mailed to the person.
    expect(await db().outboxMail.count({ where: { toAddress: person.email, subject: "A second factor was added to your account" } })).toBe(
      1,
    );
    const other = await makeCompany(db());
    const otherDa = await makeUser(db());
    await addMember(db(), other.id, otherDa.id, ["DELEGATED_ADMIN"]);
    const as = (u: { id: string; email: string }) => ({ id: u.id, email: u.email });
    const reason = "Lost their phone";
    // The member's own company (no verified domain), another company, the person themself: not found.
    for (const [actor, companyId] of [
      [as(da), company.id],
      [as(otherDa), company.id],
      [as(otherDa), other.id],
      [as(person), company.id],
    ] as const) {
      const error = await refusal(resetSecondFactor(actor, { userId: person.id }, { kind: "company", companyId, reason }, ctx));
      expect(error.code).toBe("not_found");
    }
    // Nor can anyone who is not the platform administrator claim to be.
    expect((await refusal(resetSecondFactor(as(da), { userId: person.id }, { kind: "platform", reason }, ctx))).code).toBe("not_found");
    expect(await hasSecondFactor(person.id)).toBe(true);
    expect(await db().outboxMail.count({ where: { toAddress: person.email, subject: RESET } })).toBe(0);
    expect(await db().auditLog.count({ where: { event: "two_factor.reset", targetId: person.id } })).toBe(0);
  });

  it("a Delegated Administrator of the company that verified the member's email domain may reset their factor", async () => {
    const { company, da } = await companyWithDa("Dana Owner");
    const { person } = await enrolled();
    const domain = `owned-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.example`;
    const email = `member@${domain}`;
    await db().user.update({ where: { id: person.id }, data: { email } });
    await addMember(db(), company.id, person.id, ["API_DEVELOPER"]);
    const actor = { id: da.id, email: da.email };
    const reason = "Lost their phone";
    // Claimed but not verified: still not the company's account.
    const row = await db().companyDomain.create({ data: { id: `dom_${domain}`, companyId: company.id, domain, token: "t" } });
    expect(
      (await refusal(resetSecondFactor(actor, { userId: person.id }, { kind: "company", companyId: company.id, reason }, ctx))).code,
    ).toBe("not_found");
    await db().companyDomain.update({ where: { id: row.id }, data: { verifiedDomain: domain, verifiedAt: new Date() } });
    await resetSecondFactor(actor, { userId: person.id }, { kind: "company", companyId: company.id, reason }, ctx);
    expect(await hasSecondFactor(person.id)).toBe(false);
    expect(await db().auditLog.count({ where: { event: "two_factor.reset", targetId: person.id } })).toBe(1);
  });

  it("the platform administrator resets with a reason: every factor goes, audited with the reason, mailed to the person", async () => {
    const admin = await makeUser(db(), { isPlatformAdmin: true, name: "Pat Platform" });
    const actor = { id: admin.id, email: admin.email };
    const { person } = await enrolled();
    expect((await refusal(resetSecondFactor(actor, { email: person.email }, { kind: "platform", reason: " " }, ctx))).code).toBe(
      "validation",
    );
    expect((await refusal(resetSecondFactor(actor, { email: "nobody@example.com" }, { kind: "platform", reason: "Lost" }, ctx))).code).toBe(
      "not_found",
    );
    expect(
      await resetSecondFactor(actor, { email: person.email }, { kind: "platform", reason: "Lost their phone, ticket 4411" }, ctx),
    ).toEqual({
      email: person.email,
    });
    expect(await hasSecondFactor(person.id)).toBe(false);
    expect(await db().recoveryCode.count({ where: { userId: person.id } })).toBe(0);
    const audit = await db().auditLog.findFirstOrThrow({ where: { event: "two_factor.reset", targetId: person.id } });
    expect(audit).toMatchObject({ actorId: admin.id, companyId: null });
    expect(audit.metadata).toMatchObject({ reason: "Lost their phone, ticket 4411", by: "platform_admin" });
    const mail = await db().outboxMail.findFirstOrThrow({ where: { toAddress: person.email, subject: RESET } });
    expect(mail).toMatchObject({ kind: "security_notice", status: "PENDING" });
    expect(mail.text).toContain(`${admin.email}, the platform administrator, reset your second factors`);
    expect(mail.text).toContain("Lost their phone, ticket 4411");
    // An absolute link to the security page, in both parts.
    const consoleUrl = (await import("../../env")).env().consoleUrl;
    expect(mail.text).toContain(`${consoleUrl}/account/security`);
    expect(mail.html).toContain(`${consoleUrl}/account/security`);
  });

  it("a person with an unverified address gets no mail (mail goes to verified addresses only), the reset still happens", async () => {
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const unverified = await makeUser(db(), { verified: false });
    await resetSecondFactor(
      { id: admin.id, email: admin.email },
      { userId: unverified.id },
      { kind: "platform", reason: "Support call" },
      ctx,
    );
    expect(await db().auditLog.count({ where: { event: "two_factor.reset", targetId: unverified.id } })).toBe(1);
    expect(await db().outboxMail.count({ where: { toAddress: unverified.email } })).toBe(0);
  });
});
