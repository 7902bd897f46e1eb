import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// scripts/test.ts prepares a fresh database and sets these; `npx playwright test` alone uses defaults.
const port = Number(process.env.E2E_PORT ?? 3917);
const baseURL = `http://127.0.0.1:${port}`;
const scale = Math.max(1, Number(process.env.E2E_TIMEOUT_SCALE ?? 1) || 1);
// Passkeys need a host name (an IP address is no WebAuthn relying party): a second server on the same
// database answers at http://localhost:<port + 1> for e2e/two-factor-passkeys.spec.ts (passkeys need a host name).
const passkeyPort = Number(process.env.E2E_PASSKEY_PORT ?? port + 1);
const passkeyURL = `http://localhost:${passkeyPort}`;
// Company single sign-on: e2e/sso.spec.ts runs a DNS server (UDP) on port + 4; the console resolves through it.
const dnsPort = Number(process.env.E2E_DNS_PORT ?? port + 4);

// The browser: Debian's old headless shell (package chromium-headless-shell, the same Chromium build, and
// the kind of binary Playwright itself runs headless) when it is installed, else the full Chromium in
// headless mode. Measured on 22 specs (apps, rbac, accounts): the headless shell spends a third less CPU
// per run (108 s against 161 s on 2 cores) and the suite ends a fifth sooner; CHROMIUM_PATH overrides.
const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium-headless-shell") ? "/usr/bin/chromium-headless-shell" : "/usr/bin/chromium");

// Keep the system Chromium off the network (see shared/ENVIRONMENT.md).
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
  "--disable-features=DnsOverHttps,AutofillServerCommunication,OptimizationHints,Translate,MediaRouter",
  "--disable-domain-reliability",
  "--no-pings",
];

const SQLITE_ONLY = [
  "**/a11y.spec.ts",
  "**/docs-a11y.spec.ts",
  "**/docs.spec.ts",
  "**/public-files.spec.ts",
  "**/screenshots.spec.ts",
  "**/security-headers.spec.ts",
  "**/security-origin.spec.ts",
  "**/security-http-fuzz.spec.ts",
  "**/security-edge.spec.ts",
  "**/keyboard.spec.ts",
  "**/layout.spec.ts",
  "**/shell.spec.ts",
];

const database = process.env.TEST_DATABASE ?? "sqlite";
const specs = process.env.E2E_SPECS || undefined;
if (specs !== undefined && specs !== "shared" && specs !== "sqlite-only")
  throw new Error(`E2E_SPECS must be "shared" or "sqlite-only", not "${specs}".`);
if (specs === "sqlite-only" && database !== "sqlite") throw new Error("E2E_SPECS=sqlite-only runs on SQLite only.");

/** What both servers share: the same data and database (E2E_DATA_DIR, E2E_DATABASE_URL) and platform administrator. */
function serverEnv(port: number, url: string): Record<string, string> {
  return {
    PORT: String(port),
    CONSOLE_URL: url,
    DATA_DIR: process.env.E2E_DATA_DIR ?? ".tmp/e2e",
    ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    CONSOLE_ADMIN_EMAIL: "platform.admin@example.com",
    CONSOLE_ADMIN_PASSWORD: "admin-password-for-e2e",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

export default defineConfig({
  testDir: "e2e",
  // What does not depend on the database runs on SQLite only, so CI does not spend its time twice: the
  // accessibility, screenshot, docs and public-file passes, and the specs of the HTTP edge and the shell's
  // UI (headers, origins, HTTP fuzzing, body/URL limits, keyboard, navigation), whose data work is the
  // same lib/ code Vitest runs on both databases. Every flow through the data layer runs on both.
  //
  // E2E_SPECS splits a run in two parts that can run side by side, each with its own server and database
  // (CI runs three suites at once, so no core waits): "shared" (the specs both databases run) and
  // "sqlite-only" (the list above). Unset, a run takes every spec its database runs.
  ...(specs === "sqlite-only"
    ? { testMatch: SQLITE_ONLY }
    : { testIgnore: specs === "shared" || database === "postgresql" ? SQLITE_ONLY : [] }),
  // One folder per database kind (and part), so runs side by side keep their traces apart.
  outputDir: `test-results/${database}${specs ? `-${specs}` : ""}`,
  fullyParallel: false,
  workers: 1,
  // On CI (CI=true, set by .ci/run) a failed test runs once more, in a fresh worker: three suites share two
  // cores there, and a test starved past its timeout should not hold back the rest. A test that passes
  // only the second time is reported "flaky" in the run's summary and in .ci/run's failures section;
  // one that fails twice fails the run. Locally a failure is final.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: true,
  reporter: [["list"]],
  // E2E_TIMEOUT_SCALE (default 1) stretches every timeout on a machine shared by many runs.
  timeout: 120_000 * scale,
  expect: { timeout: 15_000 * scale },
  use: {
    baseURL,
    // A failed test keeps its trace (actions, DOM snapshots, network), without the screencast: recording
    // screenshots for every test cost a fifth of the suite's CPU (measured), and a failure still gets
    // its screenshot below.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true },
    screenshot: "only-on-failure",
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      command: "node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/start.ts",
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: Number(process.env.E2E_SERVER_TIMEOUT_MS ?? 240_000) * scale,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        ...serverEnv(port, baseURL),
        // The suite signs up and signs in far more people from 127.0.0.1 than one person would.
        // (Failed client authentications too: the HTTP fuzz sends many wrong secrets from 127.0.0.1.)
        // Wrong or spent mail links (specs open many on purpose) are counted per address too: not a limit here.
        CONSOLE_RATE_LIMITS:
          "signUp=100000/3600,signIn=100000/60,clientAuthFailures=100000/300,clientAuthFailuresPerAddress=100000/300,accountLinkGuesses=100000/600",
        // /metrics is scraped by e2e/security-edge.spec.ts; a slow (slowloris-like) request is cut after 5 s.
        CONSOLE_METRICS_TOKEN: "e2e-metrics-token-0123456789",
        CONSOLE_REQUEST_TIMEOUT_MS: "5000",
        // Showing a Client Secret asks for the password again after 1 s (600 s in production), so the
        // re-authentication test need not wait 10 minutes.
        CONSOLE_REAUTH_WINDOW_SECONDS: "1",
        // Token service: read client lookups fresh (specs change statuses and secrets in the database
        // directly; the cache itself is covered by Vitest) and a small per-client rate limit to reach 429.
        OAUTH_CLIENT_CACHE_TTL_MS: "0",
        OAUTH_RATE_LIMIT_PER_MINUTE: "60",
        CONSOLE_DNS_SERVERS: `127.0.0.1:${dnsPort}`,
        // Webhooks: the specs' receivers listen on 127.0.0.1 over http, and the job runner delivers
        // every 5 s (60 s in production), so an event reaches the receiver quickly.
        CONSOLE_WEBHOOKS_ALLOW_LOOPBACK: "1",
        CONSOLE_JOBS_TICK_MS: "5000",
      },
    },
    {
      // The same build and database as the first (started after it, so it does not build again).
      command: "node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/start.ts --no-build",
      url: `${passkeyURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        ...serverEnv(passkeyPort, passkeyURL),
        CONSOLE_RATE_LIMITS: "signUp=100000/3600,signIn=100000/60",
        // Its job runner may deliver the webhook specs' events too: the same rule as the first server.
        CONSOLE_WEBHOOKS_ALLOW_LOOPBACK: "1",
      },
    },
  ],
});
