import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApiForm } from "@/components/apis/api-form";
import { OpenApiForm } from "@/components/apis/openapi-form";
import { Card } from "@/components/ui/card";
import { saveOpenApiAction } from "@/lib/actions/api-openapi";
import { getApiById, getApiOpenApiForAdmin } from "@/lib/apis/catalog";
import { canPlatform } from "@/lib/permissions";
import { requirePlatformAdminPage, requireViewer } from "@/lib/server/session";

export async function generateMetadata({ params }: { params: Promise<{ apiId: string }> }): Promise<Metadata> {
  const { apiId } = await params;
  const viewer = await requireViewer(`/admin/apis/${encodeURIComponent(apiId)}`);
  const api = canPlatform(viewer.user, "catalog.manage") ? await getApiById(apiId) : null;
  return { title: api ? `Edit ${api.name}` : "Edit API" };
}

export default async function EditApiPage({ params }: { params: Promise<{ apiId: string }> }) {
  const { apiId } = await params;
  await requirePlatformAdminPage(`/admin/apis/${encodeURIComponent(apiId)}`, "catalog.manage");
  const api = await getApiById(apiId);
  if (!api) notFound();
  const openapi = await getApiOpenApiForAdmin(apiId);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Edit {api.name}</h1>
      <ApiForm initial={{ ...api }} />
      <Card>
        <h2 className="text-lg font-semibold">OpenAPI document</h2>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          {openapi.document ? (
            <>
              Last changed {openapi.updatedAt?.toISOString().slice(0, 16).replace("T", " ")} UTC. Developers read it on the{" "}
              <Link className="text-brand-700 underline dark:text-brand-300" href={`/apis/${api.slug}/reference`}>
                API reference
              </Link>
              .
            </>
          ) : (
            "None yet: upload or paste one to give developers an API reference with Try it."
          )}
        </p>
        <OpenApiForm
          action={saveOpenApiAction.bind(null, api.id)}
          current={openapi.document ?? ""}
          hasDocument={Boolean(openapi.document)}
        />
      </Card>
    </div>
  );
}
