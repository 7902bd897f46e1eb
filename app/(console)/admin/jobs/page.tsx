import type { Metadata } from "next";
import { RelativeTime } from "@/components/apps/relative-time";
import { AdminSectionHeader } from "@/components/companies/section-nav";
import { LocalTime } from "@/components/time/local-time";
import { DataTable, Td } from "@/components/ui/table";
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
      <DataTable label="Jobs" tableLabel="Jobs" columns={["Job", "Every", "Last run", "Outcome"]}>
        {overview.jobs.map((j) => (
          <tr key={j.name} data-job={j.name}>
            <Td>
              <span className="font-medium">{j.name}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">{j.description}</span>
            </Td>
            <Td>{j.everyMinutes ? `${j.everyMinutes} min` : "every tick"}</Td>
            <Td className="whitespace-nowrap">{j.last ? <RelativeTime date={j.last.startedAt} /> : "never"}</Td>
            <Td>{j.last ? <Outcome outcome={j.last.outcome} /> : "—"}</Td>
          </tr>
        ))}
      </DataTable>
      <h2 className="text-lg font-semibold">Recent runs</h2>
      {overview.recent.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No run yet.</p>
      ) : (
        <DataTable label="Recent runs" tableLabel="Recent runs" columns={["Job", "Started", "Finished", "Outcome", "Detail"]}>
          {overview.recent.map((r) => (
            <tr key={r.id}>
              <Td>{r.name}</Td>
              <Td className="whitespace-nowrap">
                <LocalTime date={r.startedAt} />
              </Td>
              <Td className="whitespace-nowrap">{r.finishedAt ? <LocalTime date={r.finishedAt} /> : "—"}</Td>
              <Td>
                <Outcome outcome={r.outcome} />
              </Td>
              <Td className="break-all font-mono text-xs">{r.detail}</Td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
