import "server-only";
// Passkeys (WebAuthn) with @simplewebauthn/server: add (named) and remove on /account/security; use as
// the second step of signing in, for step-up, and to sign in without a password (discoverable
// credentials: the browser offers the person's passkeys for this relying party). Every ceremony's
// challenge is a single-use AuthChallenge row that expires after 5 minutes.
import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { z } from "zod";
import { writeAudit } from "../../audit";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { RequestContext } from "../../server/request-context";
import { digest } from "../crypto";
import { assertNotThrottled, clearSecondFactorFailures, mfaId, type PersonRef, recordSecondFactorFailure } from "./factors";
import { passkeysUnavailableReason, relyingParty } from "./origin";
import { newRecoveryCodes, normaliseRecoveryCode, recoveryCodeDigest } from "./recovery-codes";

const CHALLENGE_TTL_MS = 5 * 60_000;
export const PASSKEY_FAILED = "The passkey could not be verified. Try again, or use another way.";

const nameSchema = z.string().trim().min(1, "Give the passkey a name, e.g. “Work laptop”.").max(60, "At most 60 characters.");

function assertAvailable(): void {
  const reason = passkeysUnavailableReason();
  if (reason) throw new AppError("conflict", reason);
}

async function storeChallenge(
  kind: "WEBAUTHN_REGISTER" | "WEBAUTHN_AUTH",
  userId: string | null,
  challenge: string,
  data?: Record<string, unknown>,
): Promise<string> {
  const row = await db().authChallenge.create({
    data: { id: mfaId("chl"), userId, kind, challenge, data: data as never, expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS) },
  });
  return row.id;
}

/** Spends a challenge of `kind`; null when it is unknown, expired or already used. */
async function takeChallenge(
  id: string,
  kind: string,
): Promise<{ challenge: string; userId: string | null; data: Record<string, unknown> } | null> {
  if (typeof id !== "string" || id.length > 60) return null;
  const row = await db().authChallenge.findUnique({ where: { id } });
  if (!row || row.kind !== kind || row.usedAt || row.expiresAt < new Date() || !row.challenge) return null;
  const used = await db().authChallenge.updateMany({ where: { id, usedAt: null }, data: { usedAt: new Date() } });
  if (used.count !== 1) return null;
  return { challenge: row.challenge, userId: row.userId, data: (row.data ?? {}) as Record<string, unknown> };
}

const transportsOf = (value: unknown): AuthenticatorTransportFuture[] | undefined =>
  Array.isArray(value) ? (value.filter((t) => typeof t === "string") as AuthenticatorTransportFuture[]) : undefined;

export async function passkeyRegistrationOptions(
  person: PersonRef & { name: string },
): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  assertAvailable();
  const rp = relyingParty();
  const existing = await db().passkey.findMany({ where: { userId: person.id } });
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: person.email,
    userDisplayName: person.name,
    userID: new TextEncoder().encode(person.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: transportsOf(p.transports) })),
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
  const challengeId = await storeChallenge("WEBAUTHN_REGISTER", person.id, options.challenge);
  return { challengeId, options };
}

/** Verifies the browser's answer and stores the passkey; returns new recovery codes when it is the first factor. */
export async function finishPasskeyRegistration(
  person: PersonRef,
  input: { challengeId: string; response: unknown; name: unknown },
  ctx: RequestContext,
): Promise<{ id: string; recoveryCodes: string[] | null }> {
  assertAvailable();
  const name = nameSchema.safeParse(input.name);
  if (!name.success)
    throw new AppError("validation", name.error.issues[0]!.message, { fieldErrors: { name: [name.error.issues[0]!.message] } });
  const challenge = await takeChallenge(input.challengeId, "WEBAUTHN_REGISTER");
  if (!challenge || challenge.userId !== person.id) throw new AppError("bad_request", "This passkey request expired. Try again.");
  const rp = relyingParty();
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response as RegistrationResponseJSON,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch {
    throw new AppError("bad_request", "The passkey could not be added. Try again.");
  }
  if (!verification.verified) throw new AppError("bad_request", "The passkey could not be added. Try again.");
  const { credential } = verification.registrationInfo;
  return db().$transaction(async (tx) => {
    const row = await tx.passkey.create({
      data: {
        id: mfaId("pky"),
        userId: person.id,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: credential.counter,
        transports: (credential.transports ?? []) as never,
        name: name.data,
      },
    });
    let recoveryCodes: string[] | null = null;
    if ((await tx.recoveryCode.count({ where: { userId: person.id, usedAt: null } })) === 0) {
      recoveryCodes = newRecoveryCodes();
      await tx.recoveryCode.deleteMany({ where: { userId: person.id } });
      await tx.recoveryCode.createMany({
        data: recoveryCodes.map((c) => ({
          id: mfaId("rcv"),
          userId: person.id,
          codeDigest: recoveryCodeDigest((v) => digest(v, "secret-digest"), person.id, normaliseRecoveryCode(c)!),
        })),
      });
    }
    await writeAudit(
      tx,
      person,
      {
        event: "two_factor.enrolled",
        targetType: "user",
        targetId: person.id,
        metadata: { factor: "passkey", passkeyId: row.id, name: name.data },
      },
      ctx,
    );
    return { id: row.id, recoveryCodes };
  });
}

export async function removePasskey(person: PersonRef, passkeyId: string, ctx: RequestContext): Promise<void> {
  await db().$transaction(async (tx) => {
    const row = await tx.passkey.findFirst({ where: { id: passkeyId, userId: person.id } });
    if (!row) throw new AppError("not_found", "This passkey was not found.");
    await tx.passkey.delete({ where: { id: row.id } });
    const left =
      (await tx.passkey.count({ where: { userId: person.id } })) +
      (await tx.totpFactor.count({ where: { userId: person.id, confirmedAt: { not: null } } }));
    if (left === 0) {
      await tx.recoveryCode.deleteMany({ where: { userId: person.id } });
      await tx.trustedBrowser.deleteMany({ where: { userId: person.id } });
    }
    await writeAudit(
      tx,
      person,
      {
        event: "two_factor.removed",
        targetType: "user",
        targetId: person.id,
        metadata: { factor: "passkey", passkeyId: row.id, name: row.name },
      },
      ctx,
    );
  });
}

/**
 * Options for signing with a passkey: for `userId` (second step, step-up: only their passkeys), or for
 * anyone (password-less: the browser offers discoverable credentials).
 */
export async function passkeyAuthenticationOptions(
  userId: string | null,
): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  assertAvailable();
  const rp = relyingParty();
  const allow = userId ? await db().passkey.findMany({ where: { userId } }) : [];
  if (userId && allow.length === 0) throw new AppError("conflict", "You have no passkey.");
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: allow.map((p) => ({ id: p.credentialId, transports: transportsOf(p.transports) })),
    userVerification: userId ? "preferred" : "required",
  });
  const challengeId = await storeChallenge("WEBAUTHN_AUTH", userId, options.challenge);
  return { challengeId, options };
}

/**
 * Verifies a passkey signature for the challenge. With a challenge bound to a person (second step,
 * step-up) the passkey must be theirs and failures are throttled and audited; password-less sign-in
 * requires user verification (the passkey is then both factors). Returns the person.
 */
export async function verifyPasskeyAuthentication(
  input: { challengeId: string; response: unknown },
  ctx: RequestContext,
): Promise<PersonRef> {
  assertAvailable();
  const response = input.response as AuthenticationResponseJSON;
  const challenge = await takeChallenge(input.challengeId, "WEBAUTHN_AUTH");
  if (!challenge) throw new AppError("bad_request", "This passkey request expired. Try again.");
  const boundUser = challenge.userId ? await db().user.findUnique({ where: { id: challenge.userId } }) : null;
  if (boundUser) await assertNotThrottled(boundUser.id, ctx);
  const credentialId = typeof response?.id === "string" ? response.id : "";
  const passkey = credentialId ? await db().passkey.findUnique({ where: { credentialId } }) : null;
  const fail = async (): Promise<never> => {
    if (boundUser) await recordSecondFactorFailure(boundUser, "passkey", ctx);
    throw new AppError("unauthenticated", PASSKEY_FAILED);
  };
  if (!passkey || (boundUser && passkey.userId !== boundUser.id)) return fail();
  const rp = relyingParty();
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
        counter: passkey.counter,
        transports: transportsOf(passkey.transports),
      },
      requireUserVerification: !boundUser,
    });
  } catch {
    return fail();
  }
  if (!verification.verified) return fail();
  await db().passkey.update({
    where: { id: passkey.id },
    data: { counter: verification.authenticationInfo.newCounter, lastUsedAt: new Date() },
  });
  const user = boundUser ?? (await db().user.findUnique({ where: { id: passkey.userId } }));
  if (!user || user.status !== "ACTIVE") throw new AppError("forbidden", "This account may not sign in.");
  await clearSecondFactorFailures(user.id);
  return { id: user.id, email: user.email };
}
