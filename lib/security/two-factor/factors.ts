import "server-only";
// A person's second factors: the authenticator app (TOTP) and recovery codes; which factors someone
// has; checking a code at sign-in or step-up (throttled like passwords, audited when it fails or when a
// recovery code is used); a Delegated Administrator's reset. Passkeys live in ./passkeys.ts.
import QRCode from "qrcode";
import { writeAudit } from "../../audit";
import { requireCompanyRole } from "../../companies/guards";
import { db } from "../../db";
import { AppError } from "../../errors";
import { randomBase62 } from "../../ids";
import { mailSecondFactorReset } from "../../mail/notices";
import type { RequestContext } from "../../server/request-context";
import { decrypt, digest, encrypt } from "../crypto";
import { clearFailures, recordFailure, SIGN_IN_ACCOUNT, SIGN_IN_ADDRESS, throttleState } from "../throttle";
import { newRecoveryCodes, normaliseRecoveryCode, recoveryCodeDigest } from "./recovery-codes";
import { checkTotpCode, newTotpSecret, totpUri } from "./totp";

export const mfaId = (prefix: string) => `${prefix}_${randomBase62(20)}`;

export interface PersonRef {
  id: string;
  email: string;
}

const totpAad = (userId: string) => `totp:${userId}`;
const codeDigest = (userId: string, normalised: string) => recoveryCodeDigest((v) => digest(v, "secret-digest"), userId, normalised);

export interface FactorSummary {
  totp: boolean;
  passkeys: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }[];
  recoveryCodesLeft: number;
}

export async function factorSummary(userId: string): Promise<FactorSummary> {
  const [totp, passkeys, recoveryCodesLeft] = await Promise.all([
    db().totpFactor.findUnique({ where: { userId } }),
    db().passkey.findMany({ where: { userId }, orderBy: { createdAt: "asc" } }),
    db().recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return {
    totp: Boolean(totp?.confirmedAt),
    passkeys: passkeys.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt })),
    recoveryCodesLeft,
  };
}

/** True when the person enrolled an authenticator app or a passkey. */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  const [totp, passkeys] = await Promise.all([
    db().totpFactor.findFirst({ where: { userId, confirmedAt: { not: null } }, select: { userId: true } }),
    db().passkey.count({ where: { userId } }),
  ]);
  return Boolean(totp) || passkeys > 0;
}

export interface TotpSetup {
  secret: string;
  uri: string;
  /** The QR code as an SVG data URL (rendered on the server; img-src allows data: under the CSP). */
  qrDataUrl: string;
}

/** Starts (or restarts) setting up an authenticator app: a new secret, not yet confirmed. */
export async function startTotpSetup(person: PersonRef): Promise<TotpSetup> {
  const existing = await db().totpFactor.findUnique({ where: { userId: person.id } });
  if (existing?.confirmedAt) throw new AppError("conflict", "An authenticator app is already set up. Remove it first to set up another.");
  const secret = newTotpSecret();
  const sealed = encrypt(secret, "secret-encryption", totpAad(person.id));
  await db().totpFactor.upsert({
    where: { userId: person.id },
    create: { userId: person.id, secretCiphertext: sealed },
    update: { secretCiphertext: sealed, lastTimeStep: null },
  });
  return pendingTotpSetup(person, secret);
}

async function pendingTotpSetup(person: PersonRef, secret: string): Promise<TotpSetup> {
  const uri = totpUri(secret, person.email);
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

/** The setup in progress (the page shows it again after a wrong first code), or null. */
export async function currentTotpSetup(person: PersonRef): Promise<TotpSetup | null> {
  const row = await db().totpFactor.findUnique({ where: { userId: person.id } });
  if (!row || row.confirmedAt) return null;
  return pendingTotpSetup(person, decrypt(row.secretCiphertext, "secret-encryption", totpAad(person.id)));
}

async function replaceRecoveryCodes(
  tx: Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0],
  userId: string,
): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((c) => ({ id: mfaId("rcv"), userId, codeDigest: codeDigest(userId, normaliseRecoveryCode(c)!) })),
  });
  return codes;
}

/** Confirms the app with its first code; returns new recovery codes when the person had none. */
export async function confirmTotpSetup(person: PersonRef, code: string, ctx: RequestContext): Promise<{ recoveryCodes: string[] | null }> {
  const row = await db().totpFactor.findUnique({ where: { userId: person.id } });
  if (!row || row.confirmedAt) throw new AppError("conflict", "Start setting up the authenticator app again.");
  const secret = decrypt(row.secretCiphertext, "secret-encryption", totpAad(person.id));
  const verdict = await checkTotpCode(secret, code, null);
  if (!verdict.ok) {
    throw new AppError("validation", "That code is not right.", {
      fieldErrors: { code: ["That code is not right. Enter the 6 digits your app shows now."] },
    });
  }
  return db().$transaction(async (tx) => {
    await tx.totpFactor.update({ where: { userId: person.id }, data: { confirmedAt: new Date(), lastTimeStep: verdict.timeStep } });
    const left = await tx.recoveryCode.count({ where: { userId: person.id, usedAt: null } });
    const recoveryCodes = left > 0 ? null : await replaceRecoveryCodes(tx, person.id);
    await writeAudit(
      tx,
      person,
      { event: "two_factor.enrolled", targetType: "user", targetId: person.id, metadata: { factor: "totp" } },
      ctx,
    );
    return { recoveryCodes };
  });
}

/** New recovery codes (the old ones stop working). Only for someone with a second factor. */
export async function regenerateRecoveryCodes(person: PersonRef, ctx: RequestContext): Promise<string[]> {
  if (!(await hasSecondFactor(person.id))) throw new AppError("conflict", "Set up an authenticator app or a passkey first.");
  return db().$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, person.id);
    await writeAudit(tx, person, { event: "two_factor.recovery_codes_regenerated", targetType: "user", targetId: person.id }, ctx);
    return codes;
  });
}

/** Removes the authenticator app; with no factor left, the recovery codes and trusted browsers go too. */
export async function removeTotp(person: PersonRef, ctx: RequestContext): Promise<void> {
  await db().$transaction(async (tx) => {
    const removed = await tx.totpFactor.deleteMany({ where: { userId: person.id } });
    if (!removed.count) return;
    if ((await tx.passkey.count({ where: { userId: person.id } })) === 0) {
      await tx.recoveryCode.deleteMany({ where: { userId: person.id } });
      await tx.trustedBrowser.deleteMany({ where: { userId: person.id } });
    }
    await writeAudit(
      tx,
      person,
      { event: "two_factor.removed", targetType: "user", targetId: person.id, metadata: { factor: "totp" } },
      ctx,
    );
  });
}

const WRONG_CODE = "That code is not right.";

function lockedError(seconds: number): AppError {
  return new AppError("rate_limited", `Too many wrong codes. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`, {
    retryAfterSeconds: seconds,
  });
}

export const throttleKeys = (userId: string, ip: string) => ({ account: `2fa:account:${userId}`, address: `2fa:address:${ip}` });

/** Throws rate_limited while the person (or the address) is locked after wrong codes or passwords. */
export async function assertNotThrottled(userId: string, ctx: RequestContext): Promise<void> {
  const keys = throttleKeys(userId, ctx.ip);
  const state = await throttleState([keys.account, keys.address]);
  if (state.locked) throw lockedError(state.retryAfterSeconds);
}

/** Counts a failed second-factor attempt (throttle and audit). */
export async function recordSecondFactorFailure(person: PersonRef, method: string, ctx: RequestContext): Promise<void> {
  const keys = throttleKeys(person.id, ctx.ip);
  await recordFailure(keys.account, SIGN_IN_ACCOUNT);
  await recordFailure(keys.address, SIGN_IN_ADDRESS);
  await writeAudit(
    db(),
    person,
    { event: "two_factor.challenge_failed", targetType: "user", targetId: person.id, metadata: { method } },
    ctx,
  );
}

export async function clearSecondFactorFailures(userId: string): Promise<void> {
  await clearFailures(throttleKeys(userId, "").account);
}

/**
 * Checks a code typed at sign-in or step-up: six digits from the authenticator app (accepted once),
 * or an unused recovery code (then spent and audited). Wrong codes are throttled like passwords.
 */
export async function verifySecondFactorCode(
  person: PersonRef,
  input: string,
  ctx: RequestContext,
): Promise<{ method: "totp" | "recovery_code" }> {
  await assertNotThrottled(person.id, ctx);
  const value = String(input ?? "")
    .trim()
    .slice(0, 64);
  const digits = value.replace(/[\s-]/g, "");
  if (/^\d{6}$/.test(digits)) {
    const row = await db().totpFactor.findUnique({ where: { userId: person.id } });
    if (row?.confirmedAt) {
      const secret = decrypt(row.secretCiphertext, "secret-encryption", totpAad(person.id));
      const verdict = await checkTotpCode(secret, digits, row.lastTimeStep);
      if (verdict.ok) {
        // Compare-and-set on the last step: two requests with the same code cannot both pass.
        const claimed = await db().totpFactor.updateMany({
          where: { userId: person.id, OR: [{ lastTimeStep: null }, { lastTimeStep: { lt: verdict.timeStep } }] },
          data: { lastTimeStep: verdict.timeStep },
        });
        if (claimed.count === 1) {
          await clearSecondFactorFailures(person.id);
          return { method: "totp" };
        }
      }
    }
  } else {
    const normalised = normaliseRecoveryCode(value);
    if (normalised) {
      const now = new Date();
      const spent = await db().$transaction(async (tx) => {
        const used = await tx.recoveryCode.updateMany({
          where: { userId: person.id, codeDigest: codeDigest(person.id, normalised), usedAt: null },
          data: { usedAt: now },
        });
        if (used.count !== 1) return false;
        const left = await tx.recoveryCode.count({ where: { userId: person.id, usedAt: null } });
        await writeAudit(
          tx,
          person,
          { event: "two_factor.recovery_code_used", targetType: "user", targetId: person.id, metadata: { left } },
          ctx,
        );
        return true;
      });
      if (spent) {
        await clearSecondFactorFailures(person.id);
        return { method: "recovery_code" };
      }
    }
  }
  await recordSecondFactorFailure(person, /^\d{6}$/.test(digits) ? "totp" : "recovery_code", ctx);
  throw new AppError("unauthenticated", WRONG_CODE, { fieldErrors: { code: [WRONG_CODE] } });
}

/**
 * A Delegated Administrator resets a member's second factors (lost phone): the authenticator app,
 * passkeys, recovery codes and trusted browsers go; the member enrols again. The DA's role is read again
 * inside the transaction (another company's member, or an actor who is no DA, is "not found"); audited in
 * the company, and the member gets a security notice through the outbox in the same transaction.
 */
export async function resetMemberSecondFactor(
  actor: { id: string; email: string },
  companyId: string,
  membershipId: string,
  ctx: RequestContext,
): Promise<{ email: string }> {
  return db().$transaction(async (tx) => {
    await requireCompanyRole(tx, actor, companyId, "security.manage.company");
    const member = await tx.membership.findFirst({
      where: { id: membershipId, companyId },
      include: { user: true, company: { select: { name: true } } },
    });
    if (!member) throw new AppError("not_found", "This member was not found.");
    const userId = member.userId;
    await tx.totpFactor.deleteMany({ where: { userId } });
    await tx.passkey.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.trustedBrowser.deleteMany({ where: { userId } });
    await writeAudit(
      tx,
      actor,
      { event: "two_factor.reset", targetType: "user", targetId: userId, companyId, metadata: { email: member.user.email } },
      ctx,
    );
    await mailSecondFactorReset(tx, userId, { companyName: member.company.name, by: actor.email });
    return { email: member.user.email };
  });
}
