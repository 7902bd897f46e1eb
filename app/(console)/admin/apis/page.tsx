import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { scrollRegion, tableClass, tdClass, thClass } from "@/components/ui/table";
import { listCatalog } from "@/lib/apis/catalog";
import { requirePlatformAdminPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Catalog administration" };

export default async function AdminApisPage() {
  await requirePlatformAdminPage("/admin/apis", "catalog.manage");
  const apis = await listCatalog({ kind: "platform" });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">API catalog</h1>
        <Link href="/admin/apis/new" className={buttonClass("primary")}>
          New API
        </Link>
      </div>
      <div {...scrollRegion("APIs")}>
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col" className={thClass}>
                Name
              </th>
              <th scope="col" className={thClass}>
                Slug
              </th>
              <th scope="col" className={thClass}>
                Version
              </th>
              <th scope="col" className={thClass}>
                Status
              </th>
              <th scope="col" className={thClass}>
                Edit
              </th>
            </tr>
          </thead>
          <tbody>
            {apis.map((a) => (
              <tr key={a.id}>
                <td className={tdClass}>
                  <Link href={`/apis/${a.slug}`} className="text-brand-700 underline dark:text-brand-300">
                    {a.name}
                  </Link>
                </td>
                <td className={`${tdClass} font-mono`} data-label="Slug">
                  {a.slug}
                </td>
                <td className={tdClass} data-label="Version">
                  {a.version}
                </td>
                <td className={tdClass} data-label="Status">
                  {a.status.toLowerCase()}
                </td>
                <td className={tdClass}>
                  <Link href={`/admin/apis/${a.id}`} className="text-brand-700 underline dark:text-brand-300" aria-label={`Edit ${a.name}`}>
                    Edit
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
