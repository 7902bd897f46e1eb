// Prefixed identifiers and random tokens, so support staff and secret scanners recognise them.
import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `length` characters of base62 from a CSPRNG, without modulo bias. */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    const bytes = randomBytes(length * 2);
    for (const b of bytes) {
      if (b < 248) out += BASE62[b % 62]; // 248 = 62 * 4: unbiased
      if (out.length === length) break;
    }
  }
  return out;
}

export const ID_PREFIXES = {
  user: "usr",
  company: "cmp",
  membership: "mem",
  role: "rol",
  invitation: "inv",
  api: "api",
  app: "app",
  secret: "sec",
  consent: "cns",
  device: "dva",
  grant: "grt",
  code: "cod",
  refresh: "rft",
  audit: "aud",
  usage: "use",
  key: "key",
  jobRun: "job",
  mail: "mail",
  accountToken: "atk",
  session: "ses",
  personalToken: "pat",
  idempotency: "idk",
  initialToken: "iat",
  requestLog: "req",
  domain: "dom",
  ssoConnection: "sso",
  ssoIdentity: "ssi",
  scimToken: "sct",
  scimUser: "scu",
  scimGroup: "scg",
  webhookEndpoint: "whe",
  webhookMessage: "msg",
  webhookDelivery: "whd",
  webhookAttempt: "wha",
  leakReport: "lkr",
  plan: "pln",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

/** A new id such as `app_3kQ9…` (20 random base62 characters, ~119 bits). */
export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${randomBase62(20)}`;
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  return id.startsWith(`${ID_PREFIXES[kind]}_`);
}
