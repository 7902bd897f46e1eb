import "server-only";
// Password hashing with argon2id (OWASP parameters: 19 MiB, 2 iterations, 1 lane) and the rule
// every new password must meet.
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export { PASSWORD_RULE_TEXT as PASSWORD_RULE } from "../validation/rules";

export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash of a random string, verified when the account does not exist, so that a wrong email and a
// wrong password take the same time.
let dummy: Promise<string> | undefined; // memo: a dummy hash for constant-time refusals
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hash("no-such-account-" + Math.random(), OPTIONS);
  await verifyPassword(await dummy, password);
}
