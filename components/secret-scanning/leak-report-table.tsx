// The leaked-secret reports as a table (server component): when, which app and secret, where it was
// found, the label answered to the scanner and what the console did. On the platform administrator's
// page (all companies) the company links to its admin page, and the app is named without a link:
// app pages belong to the company's members.
import { RelativeTime } from "@/components/apps/relative-time";
import { DataTable, Td } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import type { LeakOutcome, LeakReportView } from "@/lib/secret-scanning/reports";

const OUTCOME: Record<LeakOutcome, string> = {
  revoked: "Revoked now",
  already_revoked: "Already revoked",
  expired: "Already expired",
  unknown: "Not a secret of this console",
  malformed: "Not a secret of this console (checksum)",
};

export function LeakReportTable({ reports, showCompany }: { reports: LeakReportView[]; showCompany: boolean }) {
  if (!reports.length) return <p className="text-slate-600 dark:text-slate-400">No leaked-secret reports.</p>;
  return (
    <DataTable
      label="Leaked-secret reports"
      tableLabel="Leaked-secret reports"
      columns={["Reported", ...(showCompany ? ["Company"] : []), "App", "Secret", "Found at", "Label", "Outcome"]}
    >
      {reports.map((r) => (
        <tr key={r.id} data-report={r.id}>
          <Td className="whitespace-nowrap">
            <RelativeTime date={r.createdAt} />
          </Td>
          {showCompany ? (
            <Td label="Company">
              {r.companyId && r.companyName ? <TextLink href={`/admin/companies/${r.companyId}`}>{r.companyName}</TextLink> : "—"}
            </Td>
          ) : null}
          <Td label="App">
            {/* The platform administrator sees every company's reports but opens an app only through its company. */}
            {r.appId && r.appName ? showCompany ? r.appName : <TextLink href={`/apps/${r.appId}`}>{r.appName}</TextLink> : "—"}
          </Td>
          <Td label="Secret">
            ending in <code>{r.lastFour}</code>
            {r.tokenType ? <span className="block text-xs text-slate-600 dark:text-slate-400">{r.tokenType}</span> : null}
          </Td>
          <Td className="max-w-xs break-all" label="Found at">
            {r.url || "—"}
            {r.foundIn ? <span className="block text-xs text-slate-600 dark:text-slate-400">{r.foundIn}</span> : null}
          </Td>
          <Td label="Label">{r.label === "true_positive" ? "True positive" : "False positive"}</Td>
          <Td label="Outcome">{OUTCOME[r.outcome] ?? r.outcome}</Td>
        </tr>
      ))}
    </DataTable>
  );
}
