import "server-only";
// Sealing and checking client secrets with keys derived from the master key.
import { decrypt, digest, encrypt, safeEqual } from "../security/crypto";
import { lastFour } from "./credentials";

export interface SealedSecret {
  ciphertext: string;
  digest: string;
  lastFour: string;
}

/** `secretId` binds the ciphertext to its row (AES-GCM additional data). */
export function sealSecret(secret: string, secretId: string): SealedSecret {
  return {
    ciphertext: encrypt(secret, "secret-encryption", `client-secret:${secretId}`),
    digest: digest(secret, "secret-digest"),
    lastFour: lastFour(secret),
  };
}

export function openSecret(ciphertext: string, secretId: string): string {
  return decrypt(ciphertext, "secret-encryption", `client-secret:${secretId}`);
}

export function secretMatches(presented: string, storedDigest: string): boolean {
  return safeEqual(digest(presented, "secret-digest"), storedDigest);
}
