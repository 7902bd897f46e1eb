import "server-only";
// The public keys that sign leaked-secret reports (GitHub's secret scanning partner program: ECDSA
// P-256 with SHA-256, DER signature in base64). CONSOLE_SECRET_SCANNING_KEYS holds them in the shape
// GitHub publishes at https://api.github.com/meta/public_keys/secret_scanning — `{"public_keys":
// [{"key_identifier": "…", "key": "-----BEGIN PUBLIC KEY-----…", "is_current": true}]}` — or as a plain
// array of `{key_identifier, key}`, inline or in a file named by the variable. Read once per process.
import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { env } from "../env";
import { singleton } from "../runtime/singleton";

export interface ScanningKey {
  keyIdentifier: string;
  key: KeyObject;
}

const entrySchema = z.object({ key_identifier: z.string().min(1), key: z.string().min(1) });
const documentSchema = z.union([z.object({ public_keys: z.array(entrySchema) }), z.array(entrySchema)]);

/** Parses the JSON document of keys (GitHub's shape or a plain array). Throws on anything else. */
export function parseScanningKeys(json: string): ScanningKey[] {
  const parsed = documentSchema.parse(JSON.parse(json));
  const entries = Array.isArray(parsed) ? parsed : parsed.public_keys;
  return entries.map((e) => ({ keyIdentifier: e.key_identifier, key: createPublicKey(e.key) }));
}

const memo = singleton("secretScanning.keys", () => ({ source: undefined as string | undefined, keys: [] as ScanningKey[] }));

/** The configured keys (none when CONSOLE_SECRET_SCANNING_KEYS is unset): inline JSON or a file path. */
export function configuredScanningKeys(): ScanningKey[] {
  const source = env().secretScanningKeys;
  if (!source) return [];
  if (memo.source !== source) {
    const text = /^[[{]/.test(source) ? source : readFileSync(source, "utf8");
    memo.keys = parseScanningKeys(text);
    memo.source = source;
  }
  return memo.keys;
}

/** True when `signature` (base64 DER ECDSA) signs `body` with the key named `keyIdentifier`. */
export function verifyReportSignature(body: string, keyIdentifier: string, signature: string, keys: readonly ScanningKey[]): boolean {
  const entry = keys.find((k) => k.keyIdentifier === keyIdentifier);
  if (!entry || !/^[A-Za-z0-9+/=]+$/.test(signature)) return false;
  try {
    return verify("sha256", Buffer.from(body, "utf8"), { key: entry.key, dsaEncoding: "der" }, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
