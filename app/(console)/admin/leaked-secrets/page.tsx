import type { Metadata } from "next";
import { AdminSectionHeader } from "@/components/companies/section-nav";
import { LeakReportTable } from "@/components/secret-scanning/leak-report-table";
import { listLeakReports } from "@/lib/secret-scanning/reports";
import { orNotFound } from "@/lib/server/pages";
import { actorOf, requirePlatformAdminPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Leaked secrets" };

export default async function AdminLeakedSecretsPage() {
  const viewer = await requirePlatformAdminPage("/admin/leaked-secrets", "secrets.leaks.read.all");
  const reports = await orNotFound(listLeakReports(actorOf(viewer), { all: true }));
  return (
    <div className="space-y-6">
      <AdminSectionHeader title="Leaked secrets" />
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Every report received at <code>POST /api/secret-scanning/github</code> (keys: <code>CONSOLE_SECRET_SCANNING_KEYS</code>), the false
        positives included: tokens that are not Client Secrets of this console are labelled so for the scanner.
      </p>
      <LeakReportTable reports={reports} showCompany />
    </div>
  );
}
