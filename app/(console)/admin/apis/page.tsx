import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { ListPages, ListSearch } from "@/components/ui/keyset-list";
import { DataTable, Td } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { listCatalogPage } from "@/lib/apis/catalog";
import { requirePlatformAdminPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Catalog administration" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function AdminApisPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePlatformAdminPage("/admin/apis", "catalog.manage");
  const params = await searchParams;
  const q = (one(params.q) ?? "").slice(0, 100);
  const page = await listCatalogPage({ kind: "platform" }, { q, after: one(params.after), before: one(params.before) });
  const apis = page.items;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">API catalog</h1>
        <Link href="/admin/apis/new" className={buttonClass("primary")}>
          New API
        </Link>
      </div>
      <ListSearch basePath="/admin/apis" id="api-catalog-search" label="Search by name or slug" q={q} />
      <ListPages
        basePath="/admin/apis"
        q={q}
        summary={
          apis.length === 0
            ? q
              ? `No API matches “${q}”`
              : "No APIs yet"
            : `APIs in name order${q ? ` matching “${q}”` : ""}, ${apis.length} on this page`
        }
        prevCursor={page.prevCursor}
        nextCursor={page.nextCursor}
        newerLabel="Previous APIs"
        olderLabel="Next APIs"
      />
      <DataTable label="APIs" columns={["Name", "Slug", "Version", "Status", "Edit"]}>
        {apis.map((a) => (
          <tr key={a.id}>
            <Td>
              <TextLink href={`/apis/${a.slug}`}>{a.name}</TextLink>
            </Td>
            <Td label="Slug" className="font-mono">
              {a.slug}
            </Td>
            <Td label="Version">{a.version}</Td>
            <Td label="Status">{a.status.toLowerCase()}</Td>
            <Td>
              <TextLink href={`/admin/apis/${a.id}`} aria-label={`Edit ${a.name}`}>
                Edit
              </TextLink>
            </Td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
