// Pure: which page of the public guide documents each area of the console. Two tables:
// - CONFIG_AREAS: every variable of the README's configuration table belongs to one feature area, and
//   each area names the guide page(s) that explain it and a query the guide's search must answer with
//   that page. lib/docs/coverage.test.ts holds the README, lib/env.ts and the guide to it, so a new
//   variable (or a new feature behind one) cannot land without its page.
// - FEATURE_PAGES: what a reader types into "Search the docs" for each feature they can reach, and the
//   page that must come first.

export interface ConfigArea {
  area: string;
  /** Every README configuration variable of the area; each must appear in the text of one of `pages`. */
  variables: readonly string[];
  /** Guide page slugs (lib/docs/manifest.ts) that document the area. */
  pages: readonly string[];
  /** Typed into the guide's search, it must find the area's first page. */
  query: string;
}

export const CONFIG_AREAS: readonly ConfigArea[] = [
  {
    area: "Start-up, database and master key",
    variables: [
      "PORT",
      "CONSOLE_URL",
      "DATABASE_URL",
      "DATA_DIR",
      "CONSOLE_ADMIN_EMAIL",
      "CONSOLE_ADMIN_PASSWORD",
      "CONSOLE_SECRET_KEY",
      "CONSOLE_LOG_LEVEL",
      "CONSOLE_REQUEST_TIMEOUT_MS",
      "CONSOLE_DRAIN_TIMEOUT_MS",
    ],
    pages: ["running-the-console"],
    query: "postgresql instances",
  },
  {
    area: "Rate limits and proxies",
    variables: ["REDIS_URL", "CONSOLE_RATE_LIMITS", "CONSOLE_TRUST_PROXY", "CONSOLE_TRUSTED_PROXIES"],
    pages: ["running-the-console"],
    query: "rate limits proxies",
  },
  {
    area: "Token service",
    variables: ["OAUTH_RATE_LIMIT_PER_MINUTE", "OAUTH_CLIENT_CACHE_TTL_MS"],
    pages: ["running-the-console", "token-developer-guide"],
    query: "token service",
  },
  {
    area: "Mail",
    variables: ["SMTP_URL", "MAIL_FROM", "MAIL_RETRY_MAX_SECONDS"],
    pages: ["running-the-console"],
    query: "smtp mail",
  },
  {
    area: "Sessions, invitations and showing secrets again",
    variables: [
      "CONSOLE_SESSION_MAX_AGE_SECONDS",
      "CONSOLE_SESSION_IDLE_SECONDS",
      "CONSOLE_INVITATION_DAYS",
      "CONSOLE_REAUTH_WINDOW_SECONDS",
    ],
    pages: ["running-the-console"],
    query: "sessions invitations",
  },
  {
    area: "Two-step sign-in",
    variables: ["CONSOLE_STEP_UP_WINDOW_SECONDS", "CONSOLE_REQUIRE_2FA_FOR_ADMINS"],
    pages: ["two-step-sign-in", "running-the-console"],
    query: "two-step sign-in",
  },
  {
    area: "Health and metrics",
    variables: ["CONSOLE_METRICS_TOKEN"],
    pages: ["running-the-console"],
    query: "metrics",
  },
  {
    area: "Housekeeping jobs",
    variables: ["CONSOLE_JOBS", "CONSOLE_JOBS_TICK_MS"],
    pages: ["running-the-console"],
    query: "housekeeping jobs",
  },
  {
    area: "The gateway",
    variables: ["CONSOLE_REQUEST_LOG_DAYS"],
    pages: ["gateway"],
    query: "gateway upstream",
  },
  {
    area: "Company single sign-on",
    variables: ["CONSOLE_DNS_SERVERS"],
    pages: ["single-sign-on"],
    query: "single sign-on",
  },
  {
    area: "Webhooks",
    variables: ["CONSOLE_WEBHOOKS_ALLOW_LOOPBACK"],
    pages: ["api-user-guide", "running-the-console"],
    query: "webhooks",
  },
  {
    area: "Credential hygiene: stale apps and leaked-secret reports",
    variables: ["CONSOLE_STALE_APP_DAYS", "CONSOLE_SECRET_SCANNING_KEYS"],
    pages: ["leaked-secrets", "running-the-console"],
    query: "leaked secrets",
  },
];

/** A reader's words for a feature, and the guide page the search must list first. */
export const FEATURE_PAGES: readonly { query: string; page: string }[] = [
  { query: "two-step sign-in", page: "two-step-sign-in" },
  { query: "passkey", page: "two-step-sign-in" },
  { query: "recovery codes", page: "two-step-sign-in" },
  { query: "personal access token", page: "personal-access-tokens" },
  { query: "management API", page: "management-api" },
  { query: "openapi.json", page: "management-api" },
  { query: "command line", page: "cli" },
  { query: "api-console", page: "cli" },
  { query: "dynamic client registration", page: "dynamic-client-registration" },
  { query: "private key JWT", page: "private-key-jwt" },
  { query: "client assertion", page: "private-key-jwt" },
  { query: "initial access token", page: "dynamic-client-registration" },
  { query: "kinds of app", page: "kinds-of-app" },
  { query: "web server", page: "kinds-of-app/web-server" },
  { query: "single-page", page: "kinds-of-app/single-page" },
  { query: "native", page: "kinds-of-app/native" },
  { query: "machine to machine", page: "kinds-of-app/machine-to-machine" },
  { query: "device code", page: "kinds-of-app/device" },
  { query: "gateway", page: "gateway" },
  { query: "X-Console-Assertion", page: "gateway" },
  { query: "auth_request", page: "gateway" },
  { query: "SCIM", page: "single-sign-on" },
  { query: "sign in with SSO", page: "single-sign-on" },
  { query: "webhook-signature", page: "api-user-guide" },
];
