// Environment variables for one test file: set before its tests, put back after, with the env and limiter
// caches reset each time so that the values take effect.
import { afterAll, beforeAll } from "vitest";
import { resetEnvCache } from "../lib/env";
import { resetLimiter } from "../lib/limiter";
import type { TestSmtpServer } from "./smtp-server";

/** Sets (a string) or removes (undefined) each variable, then resets the env and limiter caches. */
export function setEnv(values: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  resetLimiter();
}

/** The variables' current values (undefined: not set), to give setEnv later. */
export function savedEnv(...keys: string[]): Record<string, string | undefined> {
  return Object.fromEntries(keys.map((k) => [k, process.env[k]]));
}

/** setEnv(values) before the file's tests, and the values from before afterwards. */
export function withTestEnv(values: Record<string, string | undefined>): void {
  const saved = savedEnv(...Object.keys(values));
  beforeAll(() => setEnv(values));
  afterAll(() => setEnv(saved));
}

/** The limiter's shared Redis when TEST_REDIS_URL is set (.ci/run sets it); nothing (keep REDIS_URL) otherwise. */
export const testRedis = (): Record<string, string> => (process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {});

/**
 * The console's mail goes to the test SMTP server during the file's tests (started first when `start`;
 * otherwise the tests start it when they want it up), which is stopped after them.
 */
export function withTestSmtp(smtp: TestSmtpServer, opts: { start: boolean }): void {
  beforeAll(async () => {
    if (opts.start) await smtp.start();
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = "Console Tests <console@example.com>";
    resetEnvCache();
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    await smtp.stop();
  });
}
