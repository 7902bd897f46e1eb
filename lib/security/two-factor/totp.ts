// RFC 6238 codes through otplib (no hand-written TOTP). Pure functions: the secret comes in, the
// verdict and the matched time step go out; lib/security/two-factor/factors.ts stores the last
// accepted step so a code is accepted once (replay refused).
import { generateSecret, generateURI, verify } from "otplib";

export const TOTP_PERIOD_SECONDS = 30;
/** One step either side of now (clock drift between the phone and the server). */
export const TOTP_TOLERANCE_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret(); // base32, 20 random bytes
}

export function totpUri(secret: string, accountName: string, issuer = "API Console"): string {
  return generateURI({ issuer, label: accountName, secret });
}

/** Six digits, spaces and dashes ignored ("123 456"). */
export function normaliseTotpCode(value: string): string | null {
  const code = value.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(code) ? code : null;
}

export type TotpVerdict = { ok: true; timeStep: number } | { ok: false; reason: "invalid" | "replayed" };

/**
 * Checks a code against the secret at `epochSeconds` within one step of drift. A code whose time step
 * is not after `lastTimeStep` (the last one accepted) is refused as a replay.
 */
export async function checkTotpCode(
  secret: string,
  code: string,
  lastTimeStep: number | null,
  epochSeconds = Math.floor(Date.now() / 1000),
): Promise<TotpVerdict> {
  const token = normaliseTotpCode(code);
  if (!token) return { ok: false, reason: "invalid" };
  const result = await verify({ secret, token, epoch: epochSeconds, epochTolerance: TOTP_TOLERANCE_SECONDS });
  if (!result.valid) return { ok: false, reason: "invalid" };
  const timeStep = Math.floor(epochSeconds / TOTP_PERIOD_SECONDS) + result.delta;
  if (lastTimeStep !== null && timeStep <= lastTimeStep) return { ok: false, reason: "replayed" };
  return { ok: true, timeStep };
}
