// The master key of the console under test, for what the factories seal or sign the way the server
// does (client secrets, token digests, session cookies) through lib/security/crypto-core's pure helpers.
// Resolved as lib/security/master-key.ts resolves it: CONSOLE_SECRET_KEY (Vitest sets one in
// tests/setup.ts), else the key file the server's first start wrote in its data directory
// (E2E_DATA_DIR for Playwright, DATA_DIR for the benches).
import { readFileSync } from "node:fs";
import path from "node:path";
import { deriveKeyFrom, digestWith, type KeyPurpose } from "../../lib/security/crypto-core";

let master: Buffer | undefined;

export function dataDir(): string {
  return path.resolve(process.env.E2E_DATA_DIR ?? process.env.DATA_DIR ?? ".tmp/e2e");
}

export function masterKey(): Buffer {
  master ??= Buffer.from(process.env.CONSOLE_SECRET_KEY ?? readFileSync(path.join(dataDir(), "console.key"), "utf8").trim(), "base64url");
  return master;
}

export function keyFor(purpose: KeyPurpose): Buffer {
  return deriveKeyFrom(masterKey(), purpose);
}

/** The digest lib/oauth stores for codes and refresh tokens (to find their rows). */
export function tokenDigest(value: string): string {
  return digestWith(keyFor("token-digest"), value);
}
