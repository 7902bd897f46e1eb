import "server-only";
// What the platform administrator sees on /admin/jobs: each job with its last run and outcome, and
// the latest runs.
import { type Person, requirePlatformActor } from "../companies/guards";
import { db } from "../db";
import { JOBS } from "./runner";

export interface JobRunRow {
  id: string;
  name: string;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: string;
  detail: string;
}

export interface JobOverview {
  jobs: { name: string; description: string; everyMinutes: number; last: JobRunRow | null }[];
  recent: JobRunRow[];
}

const select = { id: true, name: true, startedAt: true, finishedAt: true, outcome: true, detail: true } as const;

export async function jobOverview(actor: Person, limit = 50): Promise<JobOverview> {
  await requirePlatformActor(db(), actor, "jobs.read");
  const jobs = await Promise.all(
    JOBS.map(async (j) => ({
      name: j.name,
      description: j.description,
      everyMinutes: Math.round(j.everyMs / 60_000),
      last: await db().jobRun.findFirst({ where: { name: j.name }, orderBy: { startedAt: "desc" }, select }),
    })),
  );
  const recent = await db().jobRun.findMany({
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 200),
    select,
  });
  return { jobs, recent };
}
