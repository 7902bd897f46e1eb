// The master key: from CONSOLE_SECRET_KEY, else from DATA_DIR/console.key (written by the first start,
// mode 0600). No "server-only" here: scripts/start.ts creates the key file before the server starts.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../env";

let cached: Buffer | undefined; // memo: the master key, same in every copy

export function masterKeyPath(): string {
  return path.join(env().dataDir, "console.key");
}

/** Creates the key file when no key is configured and none exists. Returns whether it created one. */
export function ensureMasterKey(): boolean {
  if (env().secretKey) return false;
  const file = masterKeyPath();
  if (existsSync(file)) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return true;
}

export function readMasterKey(): Buffer {
  if (cached) return cached;
  const configured = env().secretKey;
  let encoded = configured;
  if (!encoded) {
    const file = masterKeyPath();
    if (!existsSync(file)) {
      throw new Error(`No master key: set CONSOLE_SECRET_KEY or start the console once with npm start to create ${file}`);
    }
    encoded = readFileSync(file, "utf8").trim();
  }
  const key = Buffer.from(encoded, "base64url");
  if (key.length !== 32) throw new Error("The master key must be 32 bytes in base64url");
  cached = key;
  return key;
}

export function resetMasterKeyCache(): void {
  cached = undefined;
}
