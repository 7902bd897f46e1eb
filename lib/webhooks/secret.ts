import "server-only";
// An endpoint's signing secret: `whsec_` + 32 random bytes in base64 (the Standard Webhooks form),
// stored sealed with AES-256-GCM under the master key, bound to the endpoint's id.
import { randomBytes } from "node:crypto";
import { decrypt, encrypt } from "../security/crypto";

export const WEBHOOK_SECRET_PREFIX = "whsec_";

export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

export function sealWebhookSecret(secret: string, endpointId: string): string {
  return encrypt(secret, "secret-encryption", `webhook:${endpointId}`);
}

export function openWebhookSecret(ciphertext: string, endpointId: string): string {
  return decrypt(ciphertext, "secret-encryption", `webhook:${endpointId}`);
}
