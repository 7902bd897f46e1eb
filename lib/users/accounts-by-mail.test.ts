// Accounts by mail: verification and reset tokens (expiry, single use), the same answer for unknown
// addresses, squatted addresses, email change, sessions, and the outbox written in the change's transaction.
import { describe, expect, it } from "vitest";
import { expectAppError } from "../../tests/assertions";
import { makeCompany } from "../../tests/factories/companies";
import { PASSWORD } from "../../tests/factories/constants";
import { addMember as addMembership, makeUser } from "../../tests/factories/people";
import { latestMailTo, tokenMailedTo, verifyAddress } from "../../tests/mail";
import { nominateDelegatedAdmins } from "../companies/companies";
import { addMember, listMembers } from "../companies/members";
import { db } from "../db";
import { signUp, verifyCredentials } from "./accounts";
import { changePassword, requestPasswordReset, RESET_ANSWER, RESET_LINK_INVALID, resetPassword } from "./password-reset";
import { createSession, endCurrentSession, endSessions, sessionIsLive } from "./sessions";
import { consumeAccountToken, issueAccountToken, tokenDigest } from "./tokens";
import { requestEmailChange, resendVerification, VERIFICATION_MAILS_PER_HOUR, verifyEmail } from "./verification";

const ctx = { ip: "198.51.100.23", userAgent: "vitest accounts-by-mail" };
let n = 0;
const email = (l: string) => `${l}.${process.pid}.${Date.now().toString(36)}${++n}@example.com`;

describe("verification links", () => {
  it("mail an absolute link under CONSOLE_URL in both parts, verify once, and never carry the password", async () => {
    const address = email("verify");
    const user = await signUp({ name: "Vera", email: address, password: PASSWORD }, ctx);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();
    const mail = (await latestMailTo(address, "verify_email"))!;
    expect(mail.subject).toBe("Verify your email");
    const token = await tokenMailedTo(address, "verify_email");
    const link = `http://localhost:3000/verify-email/confirm?token=${token}`;
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(link);
    expect(mail.actionUrl).toBe(link);
    expect(mail.text + mail.html).not.toContain(PASSWORD);
    // Only a digest is stored.
    const row = await db().accountToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.digest).toBe(tokenDigest(token));
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await verifyEmail(token)).toMatchObject({ ok: true, email: address });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeInstanceOf(Date);
    // Single use.
    expect(await verifyEmail(token)).toMatchObject({ ok: false });
  });

  it("expire after 24 hours", async () => {
    const user = await makeUser(db(), { verified: false });
    const token = await issueAccountToken(db(), user.id, "VERIFY_EMAIL", user.email, new Date(Date.now() - 24 * 3600_000 - 1000));
    expect(await verifyEmail(token)).toMatchObject({ ok: false });
    const fresh = await issueAccountToken(db(), user.id, "VERIFY_EMAIL", user.email, new Date(Date.now() - 23 * 3600_000));
    expect(await verifyEmail(fresh)).toMatchObject({ ok: true });
  });

  it("are not reset links, and unknown tokens answer like used ones", async () => {
    const user = await makeUser(db(), { verified: false });
    const token = await issueAccountToken(db(), user.id, "VERIFY_EMAIL", user.email);
    expect(await consumeAccountToken(db(), token, "RESET_PASSWORD")).toBeNull();
    expect(await consumeAccountToken(db(), "apv_" + "x".repeat(32), "VERIFY_EMAIL")).toBeNull();
    expect(await consumeAccountToken(db(), undefined, "VERIFY_EMAIL")).toBeNull();
    expect(await consumeAccountToken(db(), token, "VERIFY_EMAIL")).toMatchObject({ userId: user.id });
  });

  it("can be sent again, a limited number of times an hour", async () => {
    const address = email("resend");
    const user = await signUp({ name: "Res", email: address, password: PASSWORD }, ctx);
    for (let i = 1; i < VERIFICATION_MAILS_PER_HOUR; i++) await resendVerification(user.id);
    await expectAppError(resendVerification(user.id), "rate_limited");
    expect(await db().outboxMail.count({ where: { toAddress: address, kind: "verify_email" } })).toBe(VERIFICATION_MAILS_PER_HOUR);
  });
});

describe("squatted addresses and invitations", () => {
  it("an unverified account gets no role from Add user: the invitation waits for verification", async () => {
    const company = await makeCompany(db());
    const da = await makeUser(db());
    await addMembership(db(), company.id, da.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
    const address = email("cfo");
    const squatter = await signUp({ name: "Squatter", email: address, password: PASSWORD }, ctx);
    const result = await addMember(da, company.id, { email: address, roles: ["API_DEVELOPER"] }, ctx);
    expect(result).toMatchObject({ outcome: "invited", unverified: true });
    expect((await listMembers(da, company.id)).some((m) => m.user.id === squatter.id)).toBe(false);
    const invitation = (await latestMailTo(address, "invitation"))!;
    expect(invitation.text).toContain(company.name);
    expect(invitation.text).toContain(da.email);
    expect(invitation.text).toMatch(/http:\/\/localhost:3000\/invitations\/apinv_\w+/);
    // The real owner proves the mailbox (here: the verification link) and only then is bound.
    await verifyAddress(address);
    expect((await listMembers(da, company.id)).find((m) => m.user.id === squatter.id)?.roles.map((r) => r.role)).toEqual(["API_DEVELOPER"]);
  });

  it("a verified account is bound at once, and the mail is a notice", async () => {
    const company = await makeCompany(db());
    const da = await makeUser(db());
    await addMembership(db(), company.id, da.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
    const person = await makeUser(db());
    expect(await addMember(da, company.id, { email: person.email, roles: ["API_DEVELOPER"] }, ctx)).toMatchObject({ outcome: "added" });
    expect((await latestMailTo(person.email))?.kind).toBe("added_to_company");
  });

  it("a failed change writes no mail (the outbox row is in the change's transaction)", async () => {
    const company = await makeCompany(db());
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const da = await makeUser(db());
    await addMembership(db(), company.id, da.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
    const address = email("nomail");
    // The first nomination writes its invitation and mail, the second is refused: all is rolled back.
    await expectAppError(nominateDelegatedAdmins(admin, company.id, { daEmails: `${address}, ${da.email}` }, ctx), "conflict");
    expect(await db().invitation.count({ where: { email: address } })).toBe(0);
    expect(await latestMailTo(address)).toBeNull();
  });
});

describe("password reset", () => {
  it("answers the same for an unknown address and a known one, and mails only the known one", async () => {
    const user = await makeUser(db());
    const unknown = email("nobody");
    expect(await requestPasswordReset(unknown, ctx)).toBe(RESET_ANSWER);
    expect(await requestPasswordReset(user.email.toUpperCase(), ctx)).toBe(RESET_ANSWER);
    expect(await latestMailTo(unknown)).toBeNull();
    expect((await latestMailTo(user.email, "password_reset"))?.subject).toBe("Reset your password");
  });

  it("sets the password once with a 30-minute link, and ends every session", async () => {
    const user = await makeUser(db());
    const s1 = await createSession(user.id, ctx);
    await requestPasswordReset(user.email, ctx);
    const token = await tokenMailedTo(user.email, "password_reset");
    expect(await sessionIsLive(s1, user.id)).toBe(true);
    await resetPassword(token, "a-brand-new-password-1", ctx);
    expect(await sessionIsLive(s1, user.id)).toBe(false);
    expect((await verifyCredentials({ email: user.email, password: "a-brand-new-password-1" }, ctx)).id).toBe(user.id);
    const again = await expectAppError(resetPassword(token, "another-new-password-2", ctx), "validation");
    expect(again.message).toBe(RESET_LINK_INVALID);
  });

  it("refuses an expired reset link", async () => {
    const user = await makeUser(db());
    const token = await issueAccountToken(db(), user.id, "RESET_PASSWORD", user.email, new Date(Date.now() - 31 * 60_000));
    await expectAppError(resetPassword(token, "a-brand-new-password-1", ctx), "validation");
    const ok = await issueAccountToken(db(), user.id, "RESET_PASSWORD", user.email, new Date(Date.now() - 29 * 60_000));
    await resetPassword(ok, "a-brand-new-password-1", ctx);
  });

  it("a change asks for the current password and ends the other sessions only", async () => {
    const user = await makeUser(db());
    const mine = await createSession(user.id, ctx);
    const other = await createSession(user.id, { ip: "203.0.113.9", userAgent: "elsewhere" });
    await expectAppError(
      changePassword(user.id, { current: "wrong-password-here", next: "a-brand-new-password-1" }, mine, ctx),
      "validation",
    );
    await changePassword(user.id, { current: PASSWORD, next: "a-brand-new-password-1" }, mine, ctx);
    expect(await sessionIsLive(mine, user.id)).toBe(true);
    expect(await sessionIsLive(other, user.id)).toBe(false);
  });
});

describe("sessions", () => {
  it("end for good at sign-out, and everywhere", async () => {
    const user = await makeUser(db());
    const a = await createSession(user.id, ctx);
    const b = await createSession(user.id, ctx);
    expect(await sessionIsLive(a, user.id)).toBe(true);
    await endCurrentSession(a);
    expect(await sessionIsLive(a, user.id)).toBe(false);
    expect(await sessionIsLive(b, user.id)).toBe(true);
    await endSessions(user.id);
    expect(await sessionIsLive(b, user.id)).toBe(false);
    // Another person's session id is not theirs.
    const c = await createSession(user.id, ctx);
    expect(await sessionIsLive(c, (await makeUser(db())).id)).toBe(false);
  });

  it("end after the absolute lifetime and when idle", async () => {
    const user = await makeUser(db());
    const old = await createSession(user.id, ctx, new Date(Date.now() - 13 * 3600_000));
    expect(await sessionIsLive(old, user.id)).toBe(false);
    const idle = await createSession(user.id, ctx);
    await db().session.update({ where: { id: idle }, data: { lastSeenAt: new Date(Date.now() - 3 * 3600_000) } });
    expect(await sessionIsLive(idle, user.id)).toBe(false);
  });
});

describe("email change", () => {
  it("keeps the old address until the new one is verified", async () => {
    const user = await makeUser(db());
    const next = email("new");
    await requestEmailChange(user.id, next, ctx);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
    await verifyAddress(next);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(next);
  });
});
