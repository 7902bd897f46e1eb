import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button-class";
import { listCatalog } from "@/lib/apis/catalog";
import { requireViewer } from "@/lib/session";
import { scrollRegion } from "@/components/ui/table";

export const metadata: Metadata = { title: "Catalog administration" };

export default async function AdminApisPage() {
  const viewer = await requireViewer("/admin/apis");
  if (!viewer.user.isPlatformAdmin) notFound();
  const apis = await listCatalog({ kind: "platform" });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">API catalog</h1>
        <Link href="/admin/apis/new" className={buttonClass("primary")}>
          Add an API
        </Link>
      </div>
      <div {...scrollRegion("APIs")}>
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 dark:border-slate-700">
            <tr>
              <th scope="col" className="py-2 pr-4">Name</th>
              <th scope="col" className="py-2 pr-4">Slug</th>
              <th scope="col" className="py-2 pr-4">Version</th>
              <th scope="col" className="py-2 pr-4">Status</th>
              <th scope="col" className="py-2">Edit</th>
            </tr>
          </thead>
          <tbody>
            {apis.map((a) => (
              <tr key={a.id} className="border-b border-slate-100 dark:border-slate-800">
                <td className="py-2 pr-4">
                  <Link href={`/apis/${a.slug}`} className="text-brand-700 underline dark:text-brand-300">{a.name}</Link>
                </td>
                <td className="py-2 pr-4 font-mono">{a.slug}</td>
                <td className="py-2 pr-4">{a.version}</td>
                <td className="py-2 pr-4">{a.status.toLowerCase()}</td>
                <td className="py-2">
                  <Link href={`/admin/apis/${a.id}`} className="text-brand-700 underline dark:text-brand-300" aria-label={`Edit ${a.name}`}>Edit</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
