import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { Alert } from "@/components/ui/alert";
import { can } from "@/lib/permissions";
import { requireViewer } from "@/lib/session";

export const metadata: Metadata = { title: "My Applications" };

export default async function MyApplicationsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireViewer("/apps");
  const params = await searchParams;
  const company = viewer.active;
  const mayRegister = company ? can(company.roles, "apps.register") : false;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">My Applications</h1>
        {mayRegister ? (
          <Link href="/apps/register" className={buttonClass("primary")}>
            Register a New App
          </Link>
        ) : null}
      </div>
      {params.welcome ? <Alert kind="success">Welcome, {viewer.user.name}. Your account is ready.</Alert> : null}
      {!company ? (
        <Alert kind="info">
          You are not a member of a company yet. Ask a Delegated Administrator of your company to add{" "}
          <strong>{viewer.user.email}</strong> with the API Developer role; then you can register apps here.
        </Alert>
      ) : !mayRegister && !can(company.roles, "apps.read.company") ? (
        <Alert kind="info">
          You belong to {company.companyName} without the API Developer role. Ask a Delegated Administrator for it to register apps.
        </Alert>
      ) : (
        <p className="text-slate-600 dark:text-slate-400">No applications yet — Register a New App to get a Client ID and Client Secret.</p>
      )}
    </div>
  );
}
