import type { Metadata } from "next";
import { CompanySectionHeader } from "@/components/companies/section-nav";
import { LeakReportTable } from "@/components/secret-scanning/leak-report-table";
import { listLeakReports } from "@/lib/secret-scanning/reports";
import { orNotFound } from "@/lib/server/pages";
import { actorOf, requireCompanyPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Leaked secrets" };

export default async function CompanyLeakedSecretsPage() {
  const { viewer, company } = await requireCompanyPage("secrets.leaks.read", "/company/leaked-secrets");
  const reports = await orNotFound(listLeakReports(actorOf(viewer), { companyId: company.companyId }));
  return (
    <div className="space-y-6">
      <CompanySectionHeader companyName={company.companyName} title="Leaked secrets" status={company.companyStatus} />
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Client Secrets of the company&apos;s apps that a secret scanner found in public. A live secret is revoked as soon as it is reported,
        and the access tokens issued before then stop working; the app&apos;s developer and the Delegated Administrators are mailed. Rotate
        the secret on the app&apos;s page to give the app a new one.
      </p>
      <LeakReportTable reports={reports} showCompany={false} />
    </div>
  );
}
