import type { Metadata } from "next";
import { RelativeTime } from "@/components/apps/relative-time";
import { AdminSectionHeader } from "@/components/companies/section-nav";
import { scrollRegion, tableClass, tdClass, thClass } from "@/components/ui/table";
import { jobOverview } from "@/lib/jobs/views";
import { orNotFound } from "@/lib/server/pages";
import { actorOf, requirePlatformAdminPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Housekeeping jobs" };

function Outcome({ outcome }: { outcome: string }) {
  const style =
    outcome === "ok"
      ? "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-100"
      : outcome === "failed"
        ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100"
        : "bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-slate-100";
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${style}`}>{outcome}</span>;
}

export default async function AdminJobsPage() {
  const viewer = await requirePlatformAdminPage("/admin/jobs", "jobs.read");
  const overview = await orNotFound(jobOverview(actorOf(viewer)));
  return (
    <div className="space-y-6">
      <AdminSectionHeader title="Housekeeping jobs" />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        One instance at a time runs these jobs (CONSOLE_JOBS=on). Each run is logged and recorded here.
      </p>
      <div {...scrollRegion("Jobs")}>
        <table className={tableClass} aria-label="Jobs">
          <thead>
            <tr>
              <th className={thClass}>Job</th>
              <th className={thClass}>Every</th>
              <th className={thClass}>Last run</th>
              <th className={thClass}>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {overview.jobs.map((j) => (
              <tr key={j.name} data-job={j.name}>
                <td className={tdClass}>
                  <span className="font-medium">{j.name}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{j.description}</span>
                </td>
                <td className={tdClass}>{j.everyMinutes} min</td>
                <td className={`${tdClass} whitespace-nowrap`}>{j.last ? <RelativeTime date={j.last.startedAt} /> : "never"}</td>
                <td className={tdClass}>{j.last ? <Outcome outcome={j.last.outcome} /> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="text-lg font-semibold">Recent runs</h2>
      {overview.recent.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No run yet.</p>
      ) : (
        <div {...scrollRegion("Recent runs")}>
          <table className={tableClass} aria-label="Recent runs">
            <thead>
              <tr>
                <th className={thClass}>Job</th>
                <th className={thClass}>Started</th>
                <th className={thClass}>Finished</th>
                <th className={thClass}>Outcome</th>
                <th className={thClass}>Detail</th>
              </tr>
            </thead>
            <tbody>
              {overview.recent.map((r) => (
                <tr key={r.id}>
                  <td className={tdClass}>{r.name}</td>
                  <td className={`${tdClass} whitespace-nowrap`}>{r.startedAt.toISOString()}</td>
                  <td className={`${tdClass} whitespace-nowrap`}>{r.finishedAt ? r.finishedAt.toISOString() : "—"}</td>
                  <td className={tdClass}>
                    <Outcome outcome={r.outcome} />
                  </td>
                  <td className={`${tdClass} break-all font-mono text-xs`}>{r.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
