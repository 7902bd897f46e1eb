// Recovery codes: 10 single-use codes shown once. Each is 10 characters from a 31-letter alphabet
// without look-alikes (about 49 bits), shown as xxxxx-xxxxx; only a keyed digest (HMAC-SHA256 under a key
// derived from the master key) is stored, so a database copy does not reveal them.
import { randomInt } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no i, l, o, 0, 1
const LENGTH = 10;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    let raw = "";
    for (let i = 0; i < LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
    codes.add(`${raw.slice(0, 5)}-${raw.slice(5)}`);
  }
  return [...codes];
}

/** Case, spaces and dashes ignored; null when it cannot be a recovery code. */
export function normaliseRecoveryCode(value: string): string | null {
  const raw = value.toLowerCase().replace(/[\s-]/g, "");
  if (raw.length !== LENGTH || ![...raw].every((c) => ALPHABET.includes(c))) return null;
  return raw;
}

/** The stored form: a keyed digest of the normalised code, bound to its owner. */
export function recoveryCodeDigest(digestFn: (value: string) => string, userId: string, normalised: string): string {
  return digestFn(`recovery-code:${userId}:${normalised}`);
}
