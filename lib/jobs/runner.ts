import "server-only";
// The housekeeping job runner: one timer per server process (started by scripts/serve.ts through
// startJobRunner), of which at most one is active across instances at a time. Each tick takes the
// lead — a transaction-level advisory lock on PostgreSQL (pg_try_advisory_xact_lock, held while the
// tick runs), a lease row (JobLease) on SQLite — then runs every job whose last run is older than its
// interval. Every run is recorded (JobRun: name, started, finished, outcome, detail), logged as one JSON
// line, and shown to the platform administrator on /admin/jobs. `now` is a parameter everywhere so
// tests move the clock.
import { hostname } from "node:os";
import { remindExpiringSecrets } from "../apps/secret-lifetime";
import { mailStaleAppDigest } from "../apps/stale";
import { db } from "../db";
import { env } from "../env";
import { newId } from "../ids";
import { rotateSigningKeysIfDue } from "../oauth/keys";
import { singleton } from "../runtime/singleton";
import { deliverDueWebhooks } from "../webhooks/deliver";
import { pruneExpired } from "./prune";
import { rollUpUsage } from "./usage-rollup";

const HOUR_MS = 3_600_000;

export interface JobDefinition {
  name: string;
  description: string;
  /** 0: at every tick of the runner (CONSOLE_JOBS_TICK_MS). */
  everyMs: number;
  run: (now: Date) => Promise<unknown>;
  /** A run that did nothing (answered null) leaves no JobRun row: for jobs that run at every tick. */
  quietWhenIdle?: boolean;
}

export const JOBS: readonly JobDefinition[] = [
  {
    name: "prune-expired",
    description:
      "Deletes expired authorization codes and refresh tokens, revoked grants and jti entries past their expiry, old throttle rows",
    everyMs: HOUR_MS,
    run: pruneExpired,
  },
  {
    name: "usage-rollup",
    description: "Rolls usage minutes older than 30 days into hours, and hours older than 13 months into days",
    everyMs: HOUR_MS,
    run: rollUpUsage,
  },
  {
    name: "signing-key-rotation",
    description: "Publishes a new signing key a day before it signs, every 90 days; retires old keys once their tokens have expired",
    everyMs: HOUR_MS,
    run: rotateSigningKeysIfDue,
  },
  {
    name: "secret-expiry-reminders",
    description: "Reminds owners and Delegated Administrators (mail and webhook) 30, 7 and 1 days before a Client Secret expires",
    everyMs: HOUR_MS,
    run: remindExpiringSecrets,
  },
  {
    name: "stale-apps-digest",
    description: "Mails each company's Delegated Administrators the apps that got no token for CONSOLE_STALE_APP_DAYS days (weekly)",
    everyMs: 7 * 24 * HOUR_MS,
    run: mailStaleAppDigest,
  },
  {
    name: "webhook-delivery",
    description: "Delivers due webhook attempts (retries back off exponentially for up to 24 h) and disables endpoints failing for 24 h",
    everyMs: 0,
    run: deliverDueWebhooks,
    quietWhenIdle: true,
  },
];

export type JobOutcome = "ok" | "failed";

function log(entry: Record<string, unknown>): void {
  console.log(JSON.stringify({ time: new Date().toISOString(), component: "jobs", ...entry }));
}

/** Runs one job now and records the run. Never throws: a failure is recorded as such. */
export async function runJob(job: JobDefinition, now = new Date()): Promise<{ outcome: JobOutcome; detail: string }> {
  const id = newId("jobRun");
  const started = Date.now();
  if (!job.quietWhenIdle) await db().jobRun.create({ data: { id, name: job.name, startedAt: now, outcome: "running" } });
  let outcome: JobOutcome = "ok";
  let detail: string;
  let result: unknown = null;
  try {
    result = await job.run(now);
    detail = JSON.stringify(result ?? null);
  } catch (error) {
    outcome = "failed";
    detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  detail = detail.slice(0, 2000);
  const ms = Date.now() - started;
  if (job.quietWhenIdle && outcome === "ok" && result == null) return { outcome, detail };
  const finished = { finishedAt: new Date(now.getTime() + ms), outcome, detail };
  if (job.quietWhenIdle) await db().jobRun.create({ data: { id, name: job.name, startedAt: now, ...finished } });
  else await db().jobRun.update({ where: { id }, data: finished });
  log({ level: outcome === "ok" ? "info" : "error", msg: "job run", job: job.name, outcome, detail, ms });
  return { outcome, detail };
}

/** The jobs whose last run started more than their interval before `now` (or never ran). */
export async function dueJobs(now = new Date(), jobs: readonly JobDefinition[] = JOBS): Promise<JobDefinition[]> {
  const due: JobDefinition[] = [];
  for (const job of jobs) {
    const last = await db().jobRun.findFirst({ where: { name: job.name }, orderBy: { startedAt: "desc" }, select: { startedAt: true } });
    if (!last || last.startedAt.getTime() + job.everyMs <= now.getTime()) due.push(job);
  }
  return due;
}

const LEASE_NAME = "housekeeping";
const ADVISORY_KEY = 0x61706331; // "apc1": the console's housekeeping lock

/** Takes (or renews) the SQLite lease for `holder` until now + ms. False when another holder has it. */
export async function takeLease(holder: string, now: Date, ms: number): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ms);
  const renewed = await db().jobLease.updateMany({
    where: { name: LEASE_NAME, OR: [{ holder }, { expiresAt: { lt: now } }] },
    data: { holder, expiresAt },
  });
  if (renewed.count === 1) return true;
  try {
    await db().jobLease.create({ data: { name: LEASE_NAME, holder, expiresAt } });
    return true;
  } catch {
    return false; // another instance holds it
  }
}

export async function releaseLease(holder: string): Promise<void> {
  await db().jobLease.deleteMany({ where: { name: LEASE_NAME, holder } });
}

/**
 * One tick: lead (or skip when another instance leads), then run the due jobs. Returns the names run,
 * or null when another instance held the lead.
 */
export async function tick(holder: string, now = new Date(), jobs: readonly JobDefinition[] = JOBS): Promise<string[] | null> {
  const runDue = async () => {
    const ran: string[] = [];
    for (const job of await dueJobs(now, jobs)) {
      await runJob(job, now);
      ran.push(job.name);
    }
    return ran;
  };
  if (env().databaseKind === "postgresql") {
    // The advisory lock lives as long as this transaction; the jobs use their own connections.
    return db().$transaction(
      async (tx) => {
        const [row] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock(${ADVISORY_KEY}) AS "locked"`);
        if (!row?.locked) return null;
        return runDue();
      },
      { timeout: 30 * 60_000, maxWait: 10_000 },
    );
  }
  if (!(await takeLease(holder, now, 10 * 60_000))) return null;
  try {
    return await runDue();
  } finally {
    await releaseLease(holder).catch(() => {});
  }
}

// One runner per process, however often lib/ is loaded (lib/runtime/singleton.ts).
const holderState = singleton("jobs.runner", () => ({}) as { __apiConsoleJobs?: { timer: NodeJS.Timeout; holder: string } });

/**
 * Starts the runner in this process (once; CONSOLE_JOBS=off leaves it off). The first tick runs a few
 * seconds after start, then every CONSOLE_JOBS_TICK_MS (default 60 s).
 */
export function startJobRunner(): { holder: string } | null {
  const e = env();
  if (!e.jobs.enabled) return null;
  if (holderState.__apiConsoleJobs) return { holder: holderState.__apiConsoleJobs.holder };
  const holder = `${hostname()}:${process.pid}:${newId("jobRun").slice(4, 12)}`;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await tick(holder);
    } catch (error) {
      log({ level: "error", msg: "job runner tick failed", error: error instanceof Error ? error.message : String(error) });
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void run(), Math.min(5_000, e.jobs.tickMs));
  first.unref();
  const timer = setInterval(() => void run(), e.jobs.tickMs);
  timer.unref();
  holderState.__apiConsoleJobs = { timer, holder };
  log({ level: "info", msg: "job runner started", holder, tickMs: e.jobs.tickMs, jobs: JOBS.map((j) => j.name) });
  return { holder };
}

export function stopJobRunner(): void {
  const s = holderState.__apiConsoleJobs;
  if (s) clearInterval(s.timer);
  holderState.__apiConsoleJobs = undefined;
}
