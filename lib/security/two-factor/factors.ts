import "server-only";
// A person's second factors: the authenticator app (TOTP) and recovery codes; which factors someone
// has; checking a code at sign-in or step-up (locked after a few wrong codes through lib/limiter's
// lockouts, audited when it fails or when a recovery code is used); resetting someone else's (platform administrator, or a company owning the domain). Passkeys live in ./passkeys.ts.
import QRCode from "qrcode";
import { writeAudit } from "../../audit";
import { requireCompanyRole, requirePlatformActor } from "../../companies/guards";
import { db } from "../../db";
import { AppError } from "../../errors";
import { randomBase62 } from "../../ids";
import { clearWrong, countWrong, lockedError, type LockoutSubject, lockoutWait } from "../../limiter/lockouts";
import { mailSecondFactorReset } from "../../mail/notices";
import type { RequestContext } from "../../server/request-context";
import { companyOwnsEmailDomain } from "../../sso/domains";
import { decrypt, digest, encrypt } from "../crypto";
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

/**
 * How long a started setup may be confirmed. The start needs a fresh proof (lib/actions/two-factor.ts),
 * so a setup left half-done cannot be finished later by whoever holds the session then.
 */
export const TOTP_SETUP_SECONDS = 600;

const setupIsLive = (row: { createdAt: Date }) => Date.now() - row.createdAt.getTime() <= TOTP_SETUP_SECONDS * 1000;

/** Starts (or restarts) setting up an authenticator app: a new secret, not yet confirmed. */
export async function startTotpSetup(person: PersonRef): Promise<TotpSetup> {
  const existing = await db().totpFactor.findUnique({ where: { userId: person.id } });
  if (existing?.confirmedAt) throw new AppError("conflict", "An authenticator app is already set up. Remove it first to set up another.");
  const secret = newTotpSecret();
  const sealed = encrypt(secret, "secret-encryption", totpAad(person.id));
  await db().totpFactor.upsert({
    where: { userId: person.id },
    create: { userId: person.id, secretCiphertext: sealed },
    update: { secretCiphertext: sealed, lastTimeStep: null, createdAt: new Date() },
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
  if (!row || row.confirmedAt || !setupIsLive(row)) return null;
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
  if (!row || row.confirmedAt || !setupIsLive(row)) throw new AppError("conflict", "Start setting up the authenticator app again.");
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

export const TOO_MANY_CODES = "Too many wrong codes.";

/**
 * What wrong second-factor codes count against (LIMITS `secondFactorPerAccount`, `secondFactorPerAddress`):
 * the account, whatever the code (authenticator app, recovery code, passkey; second step or step-up),
 * and the address. The limit-th wrong one locks with a growing wait (lib/limiter/lockouts.ts).
 */
export const secondFactorSubjects = (userId: string, ip: string): LockoutSubject[] => [
  ["secondFactorPerAccount", `2fa:account:${userId}`],
  ["secondFactorPerAddress", `2fa:address:${ip}`],
];

/** Throws rate_limited, saying when to try again, while the account (or the address) is locked after wrong codes. */
export async function assertNotThrottled(userId: string, ctx: RequestContext): Promise<void> {
  const wait = await lockoutWait(secondFactorSubjects(userId, ctx.ip));
  if (wait > 0) throw lockedError(TOO_MANY_CODES, wait);
}

/** Counts a failed second-factor attempt (lockouts and audit). */
export async function recordSecondFactorFailure(person: PersonRef, method: string, ctx: RequestContext): Promise<void> {
  await countWrong(secondFactorSubjects(person.id, ctx.ip));
  await writeAudit(
    db(),
    person,
    { event: "two_factor.challenge_failed", targetType: "user", targetId: person.id, metadata: { method } },
    ctx,
  );
}

/** After a right code: the account's count starts again (the address's does not). */
export async function clearSecondFactorFailures(userId: string): Promise<void> {
  await clearWrong("secondFactorPerAccount", `2fa:account:${userId}`);
}

/**
 * Checks a code typed at sign-in or step-up: six digits from the authenticator app (accepted once),
 * or an unused recovery code (then spent and audited). The 5th wrong code within 15 minutes locks the account's
 * second step (and step-up) with a growing wait, the right code included: see secondFactorSubjects.
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

/** Who may reset whose second factor: the platform administrator, or a company that owns the address's domain. */
export type ResetAuthority = { kind: "platform"; reason: string } | { kind: "company"; companyId: string; reason: string };

export const RESET_NOT_ALLOWED = "This account was not found.";

/**
 * Resets another person's second factors (lost phone): the authenticator app, passkeys, recovery codes
 * and trusted browsers go; the person enrols again. Only for the platform administrator, or for a
 * Delegated Administrator of a company that owns the account's verified email domain
 * (lib/sso/domains.ts, single sign-on's verified domains) and counts the person as a member: a company's power otherwise ends
 * at the membership. The actor's rights are read again inside the transaction (anything else is "not
 * found"); the caller has checked the actor's fresh proof (lib/actions/two-factor.ts). Audited with the
 * reason; the person is mailed in the same transaction.
 */
export async function resetSecondFactor(
  actor: { id: string; email: string },
  target: { userId?: unknown; email?: unknown },
  authority: ResetAuthority,
  ctx: RequestContext,
): Promise<{ email: string }> {
  const reason = authority.reason.trim();
  if (reason.length < 3 || reason.length > 500) {
    const message = "Say why, in a few words (at most 500 characters).";
    throw new AppError("validation", message, { fieldErrors: { reason: [message] } });
  }
  return db().$transaction(async (tx) => {
    const where =
      typeof target.userId === "string" && target.userId
        ? { id: target.userId.slice(0, 64) }
        : typeof target.email === "string" && target.email
          ? { email: target.email.trim().toLowerCase().slice(0, 320) }
          : null;
    const user = where ? await tx.user.findUnique({ where, select: { id: true, email: true } }) : null;
    if (!user || user.id === actor.id) throw new AppError("not_found", RESET_NOT_ALLOWED, { fieldErrors: { email: [RESET_NOT_ALLOWED] } });
    let companyName: string | null = null;
    if (authority.kind === "platform") {
      await requirePlatformActor(tx, actor, "security.manage.platform");
    } else {
      await requireCompanyRole(tx, actor, authority.companyId, "security.manage.company");
      const member = await tx.membership.findUnique({
        where: { companyId_userId: { companyId: authority.companyId, userId: user.id } },
        select: { company: { select: { name: true } } },
      });
      if (!member || !(await companyOwnsEmailDomain(authority.companyId, user.email))) throw new AppError("not_found", RESET_NOT_ALLOWED);
      companyName = member.company.name;
    }
    const userId = user.id;
    await tx.totpFactor.deleteMany({ where: { userId } });
    await tx.passkey.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.trustedBrowser.deleteMany({ where: { userId } });
    await writeAudit(
      tx,
      actor,
      {
        event: "two_factor.reset",
        targetType: "user",
        targetId: userId,
        companyId: authority.kind === "company" ? authority.companyId : null,
        metadata: { email: user.email, reason, by: authority.kind === "platform" ? "platform_admin" : "delegated_admin" },
      },
      ctx,
    );
    await mailSecondFactorReset(tx, userId, { companyName, by: actor.email, reason });
    return { email: user.email };
  });
}

/** Whether the reset is offered to a Delegated Administrator of the company for this member (the server checks again). */
export async function companyMayResetSecondFactor(companyId: string, email: string): Promise<boolean> {
  return companyOwnsEmailDomain(companyId, email);
}
