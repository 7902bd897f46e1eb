import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { listAllApis, listEntitledApis } from "@/lib/apis/catalog";
import { can } from "@/lib/permissions";
import { requireViewer } from "@/lib/session";

export const metadata: Metadata = { title: "APIs" };

export default async function ApisPage() {
  const viewer = await requireViewer("/apis");
  const company = viewer.active;
  const allowed = viewer.user.isPlatformAdmin || (company && can(company.roles, "apis.read"));
  if (!allowed) notFound();
  const apis = company && !viewer.user.isPlatformAdmin ? await listEntitledApis(company.companyId) : await listAllApis();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">APIs</h1>
      <p className="text-slate-600 dark:text-slate-400">
        {viewer.user.isPlatformAdmin ? "Every API of the catalog." : `The APIs ${company?.companyName} may use.`}
      </p>
      {apis.length === 0 ? (
        <p>No APIs are available to your company yet.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {apis.map((api) => (
            <li key={api.id}>
              <Card>
                <h2 className="text-lg font-semibold">{api.name}</h2>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  v{api.version} · {api.status.toLowerCase()}
                </p>
                <p className="mt-2 text-sm">{api.summary}</p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
