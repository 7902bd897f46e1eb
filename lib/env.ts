// The one place the environment is read. Every variable is validated with zod; a bad value stops
// start-up with a message naming it (scripts/start.ts calls loadEnv() before anything else).
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

const port = z.coerce
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be between 1 and 65535")
  .max(65535, "must be between 1 and 65535");

const databaseUrl = z
  .string()
  .trim()
  .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), {
    message: "must start with file: (SQLite) or postgresql:// (PostgreSQL)",
  });

// Sessions' lifetimes: at least a minute, at most 30 days.
const sessionSeconds = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: port.default(3000),
  CONSOLE_URL: z
    .url({ error: "must be an absolute http(s) URL such as http://localhost:3000" })
    .refine((v) => /^https?:\/\//.test(v), { message: "must use http or https" })
    .optional(),
  DATABASE_URL: databaseUrl.optional(),
  DATA_DIR: z.string().min(1).default("data"),
  CONSOLE_ADMIN_EMAIL: z.email({ error: "must be an email address" }).optional(),
  CONSOLE_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  CONSOLE_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64url").length === 32, {
      message: "must be 32 random bytes in base64url (e.g. `openssl rand -base64 32 | tr '+/' '-_' | tr -d =`)",
    })
    .optional(),
  REDIS_URL: z.url().optional(),
  CONSOLE_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  CONSOLE_TRUST_PROXY: z.enum(["0", "1"], { error: "must be 1 (behind a proxy that sets X-Forwarded-For) or 0" }).default("0"),
  CONSOLE_RATE_LIMITS: z
    .string()
    .regex(/^\s*\w+=\d+\/\d+\s*(,\s*\w+=\d+\/\d+\s*)*$/, "must look like signUp=10/3600,signIn=30/60 (name=limit/windowSeconds)")
    .optional(),
  // How recent a password proof must be to show a Client Secret again. It can only be made
  // stricter than the default (the browser tests use a few seconds to exercise re-authentication).
  CONSOLE_REAUTH_WINDOW_SECONDS: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 600")
    .max(600, "must be between 1 and 600")
    .default(600),
  // Token service: requests per client per minute at each OAuth endpoint, and how long a client
  // lookup (app, company status, live secret digests) is reused before it is read again.
  OAUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1, "must be at least 1").default(1200),
  OAUTH_CLIENT_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000, "must be at most 60000").default(2000),
  // Housekeeping (lib/jobs): whether this instance runs the job runner, and how often it looks for due jobs.
  CONSOLE_JOBS: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  CONSOLE_JOBS_TICK_MS: z.coerce.number().int().min(1000, "must be at least 1000").max(3_600_000).default(60_000),
  // Mail: without SMTP_URL every mail stays in the outbox (/admin/outbox).
  SMTP_URL: z
    .url({ error: "must be a URL such as smtp://user:pass@host:587 or smtps://host:465" })
    .refine((v) => /^smtps?:\/\//.test(v), { message: "must start with smtp:// or smtps://" })
    .optional(),
  MAIL_FROM: z.string().trim().min(3).max(200).default("API Console <no-reply@console.local>"),
  // The longest wait between two delivery attempts of one mail (backoff doubles up to it).
  MAIL_RETRY_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  // Sessions: absolute lifetime from sign-in, and how long an unused session stays valid.
  CONSOLE_SESSION_MAX_AGE_SECONDS: sessionSeconds(12 * 3600),
  CONSOLE_SESSION_IDLE_SECONDS: sessionSeconds(2 * 3600),
  CONSOLE_INVITATION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  // How long the gateway's request logs are kept (the housekeeping job prunes older rows).
  CONSOLE_REQUEST_LOG_DAYS: z.coerce.number({ error: "must be a number" }).int().min(1).max(365).default(14),
  // Two-step sign-in: how recent a second factor must be for sensitive operations (at most 600 s), and
  // whether platform administrators must have a second factor.
  CONSOLE_STEP_UP_WINDOW_SECONDS: z.coerce
    .number({ error: "must be a number" })
    .int()
    .min(1, "must be between 1 and 600")
    .max(600, "must be between 1 and 600")
    .default(600),
  CONSOLE_REQUIRE_2FA_FOR_ADMINS: z
    .enum(["0", "1"], { error: "must be 1 (platform administrators need a second factor) or 0" })
    .default("0"),
  // The edge (lib/http): which proxies in front of the console are trusted to append to
  // X-Forwarded-For — a hop count ("1") or addresses/CIDRs ("10.0.0.0/8, 192.168.1.7").
  CONSOLE_TRUSTED_PROXIES: z
    .string()
    .trim()
    .refine((v) => /^\d{1,2}$/.test(v) || v.split(",").every((p) => isIpOrCidr(p.trim())), {
      message: "must be a hop count (e.g. 1) or a comma-separated list of addresses or CIDRs (e.g. 10.0.0.0/8, ::1)",
    })
    .optional(),
  // GET /metrics (Prometheus) answers only when this is set, and only to `Authorization: Bearer <token>`.
  CONSOLE_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  // Company single sign-on: the DNS resolvers that check domain ownership (host:port, comma-separated);
  // unset, the system's.
  CONSOLE_DNS_SERVERS: z
    .string()
    .trim()
    .refine((v) => v.split(",").every((p) => isResolverAddress(p.trim())), {
      message: "must be a comma-separated list of resolvers such as 127.0.0.1:53 or [::1]:5353",
    })
    .optional(),
  // Graceful shutdown: how long in-flight requests may take after SIGTERM.
  CONSOLE_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
  // How long a whole request (headers and body) may take to arrive; slower ones are cut (408).
  CONSOLE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).optional(),
  // Webhooks: 1 lets endpoints on http://127.0.0.1 / localhost through (development and tests only).
  CONSOLE_WEBHOOKS_ALLOW_LOOPBACK: z.enum(["0", "1"], { error: "must be 1 (development and tests only) or 0" }).default("0"),
  // Stale apps: an active app that got no token for this many days is marked "Stale" on /company/apps.
  CONSOLE_STALE_APP_DAYS: z.coerce.number().int().min(1, "must be at least 1").max(3650, "must be at most 3650").default(90),
  // Leaked-secret reports: the scanners' public keys, as GitHub publishes them (JSON: {"public_keys":
  // [{key_identifier, key}]} or a plain array of {key_identifier, key}), or the path of a file holding that JSON.
  CONSOLE_SECRET_SCANNING_KEYS: z.string().trim().min(1).optional(),
});

function isResolverAddress(value: string): boolean {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+))(?::(\d{1,5}))?$/.exec(value);
  if (!m) return false;
  const host = m[1] ?? m[2] ?? "";
  const port = m[3] === undefined ? 53 : Number(m[3]);
  return isIP(host) !== 0 && port >= 1 && port <= 65535;
}

function isIpOrCidr(value: string): boolean {
  const [address, bits, extra] = value.split("/");
  if (extra !== undefined || !address) return false;
  const kind = isIP(address);
  if (!kind) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n >= 0 && n <= (kind === 4 ? 32 : 128);
}

export type DatabaseKind = "sqlite" | "postgresql";

export interface Env {
  nodeEnv: "development" | "production" | "test";
  port: number;
  consoleUrl: string; // origin, no trailing slash
  databaseKind: DatabaseKind;
  databaseUrl: string; // file:/abs/path.db or postgresql://…
  dataDir: string; // absolute
  adminEmail?: string;
  adminPassword?: string;
  secretKey?: string;
  redisUrl?: string;
  logLevel: "debug" | "info" | "warn" | "error";
  secureCookies: boolean;
  trustProxy: boolean;
  /** Overrides of the request-rate limits of lib/limiter (LIMITS), by name (CONSOLE_RATE_LIMITS). */
  rateLimits: Record<string, { limit: number; windowSeconds: number }>;
  /** Seconds a password proof counts as recent (showing a Client Secret again). */
  reauthWindowSeconds: number;
  oauthRateLimitPerMinute: number;
  oauthClientCacheTtlMs: number;
  /** Resolvers for domain verification (`host:port`); empty: the system's. */
  dnsServers: string[];
  /** Housekeeping job runner (lib/jobs/runner.ts). */
  jobs: { enabled: boolean; tickMs: number };
  smtpUrl?: string;
  mailFrom: string;
  mailRetryMaxSeconds: number;
  sessionMaxAgeSeconds: number;
  sessionIdleSeconds: number;
  invitationDays: number;
  requestLogDays: number;
  /** Seconds a second factor counts as recent for step-up. */
  stepUpWindowSeconds: number;
  /** CONSOLE_REQUIRE_2FA_FOR_ADMINS=1: platform administrators must enrol a second factor. */
  requireTwoFactorForAdmins: boolean;
  /**
   * Proxies trusted to append to X-Forwarded-For: a hop count, or addresses/CIDRs. Hops 0 (the
   * default) means the socket's address is the client's. CONSOLE_TRUST_PROXY=1 is an alias of 1 hop.
   */
  trustedProxies: { hops: number } | { cidrs: string[] };
  metricsToken?: string;
  drainTimeoutMs: number;
  requestTimeoutMs?: number;
  /** CONSOLE_WEBHOOKS_ALLOW_LOOPBACK=1: webhook endpoints may be http://127.0.0.1 or localhost (development, tests). */
  webhooksAllowLoopback: boolean;
  /** CONSOLE_STALE_APP_DAYS: an active app without a token for this many days is stale (default 90). */
  staleAppDays: number;
  /** CONSOLE_SECRET_SCANNING_KEYS as given (JSON or a path): lib/secret-scanning/keys.ts reads it. */
  secretScanningKeys?: string;
}

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses an environment (process.env by default). Throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings count as unset, as shells often export VAR= to clear.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`);
  if (Boolean(cleaned.CONSOLE_ADMIN_EMAIL) !== Boolean(cleaned.CONSOLE_ADMIN_PASSWORD)) {
    problems.push("CONSOLE_ADMIN_PASSWORD: set both CONSOLE_ADMIN_EMAIL and CONSOLE_ADMIN_PASSWORD, or neither");
  }
  if (!result.success || problems.length) throw new EnvError(problems);
  const e = result.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const consoleUrl = (e.CONSOLE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  let databaseUrl = e.DATABASE_URL ?? `file:${path.join(dataDir, "console.db")}`;
  const databaseKind: DatabaseKind = databaseUrl.startsWith("file:") ? "sqlite" : "postgresql";
  if (databaseKind === "sqlite") {
    const file = databaseUrl.slice("file:".length);
    databaseUrl = `file:${path.resolve(file)}`;
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    consoleUrl,
    databaseKind,
    databaseUrl,
    dataDir,
    adminEmail: e.CONSOLE_ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.CONSOLE_ADMIN_PASSWORD,
    secretKey: e.CONSOLE_SECRET_KEY,
    redisUrl: e.REDIS_URL,
    logLevel: e.CONSOLE_LOG_LEVEL,
    secureCookies: consoleUrl.startsWith("https://"),
    trustProxy: e.CONSOLE_TRUST_PROXY === "1" || Boolean(e.CONSOLE_TRUSTED_PROXIES && e.CONSOLE_TRUSTED_PROXIES !== "0"),
    rateLimits: Object.fromEntries(
      (e.CONSOLE_RATE_LIMITS ?? "")
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => {
          const [name, rule] = p.split("=") as [string, string];
          const [limit, windowSeconds] = rule.split("/").map(Number) as [number, number];
          return [name.trim(), { limit, windowSeconds }];
        }),
    ),
    reauthWindowSeconds: e.CONSOLE_REAUTH_WINDOW_SECONDS,
    oauthRateLimitPerMinute: e.OAUTH_RATE_LIMIT_PER_MINUTE,
    oauthClientCacheTtlMs: e.OAUTH_CLIENT_CACHE_TTL_MS,
    jobs: { enabled: e.CONSOLE_JOBS === "on", tickMs: e.CONSOLE_JOBS_TICK_MS },
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailRetryMaxSeconds: e.MAIL_RETRY_MAX_SECONDS,
    sessionMaxAgeSeconds: e.CONSOLE_SESSION_MAX_AGE_SECONDS,
    sessionIdleSeconds: e.CONSOLE_SESSION_IDLE_SECONDS,
    invitationDays: e.CONSOLE_INVITATION_DAYS,
    requestLogDays: e.CONSOLE_REQUEST_LOG_DAYS,
    stepUpWindowSeconds: e.CONSOLE_STEP_UP_WINDOW_SECONDS,
    requireTwoFactorForAdmins: e.CONSOLE_REQUIRE_2FA_FOR_ADMINS === "1",
    trustedProxies: e.CONSOLE_TRUSTED_PROXIES
      ? /^\d+$/.test(e.CONSOLE_TRUSTED_PROXIES)
        ? { hops: Number(e.CONSOLE_TRUSTED_PROXIES) }
        : { cidrs: e.CONSOLE_TRUSTED_PROXIES.split(",").map((p) => p.trim()) }
      : { hops: e.CONSOLE_TRUST_PROXY === "1" ? 1 : 0 },
    metricsToken: e.CONSOLE_METRICS_TOKEN,
    dnsServers: (e.CONSOLE_DNS_SERVERS ?? "")
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean),
    drainTimeoutMs: e.CONSOLE_DRAIN_TIMEOUT_MS,
    requestTimeoutMs: e.CONSOLE_REQUEST_TIMEOUT_MS,
    webhooksAllowLoopback: e.CONSOLE_WEBHOOKS_ALLOW_LOOPBACK === "1",
    staleAppDays: e.CONSOLE_STALE_APP_DAYS,
    secretScanningKeys: e.CONSOLE_SECRET_SCANNING_KEYS,
  };
}

let cached: Env | undefined; // memo: the parsed environment, same in every copy
/** The validated environment of this process, parsed once. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
