import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ApiForm } from "@/components/apis/api-form";
import { OpenApiForm } from "@/components/apis/openapi-form";
import { UpstreamForm } from "@/components/apis/upstream-form";
import { PlansSection } from "@/components/plans/plans-section";
import { LocalTime } from "@/components/time/local-time";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { saveOpenApiAction } from "@/lib/actions/api-openapi";
import { saveUpstreamAction, testUpstreamAction } from "@/lib/actions/api-upstream";
import { getApiById, getApiOpenApiForAdmin } from "@/lib/apis/catalog";
import { gatewayBaseUrl } from "@/lib/gateway/assertion";
import { getUpstreamForAdmin } from "@/lib/gateway/upstream-config";
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
  const [openapi, upstream] = await Promise.all([getApiOpenApiForAdmin(apiId), getUpstreamForAdmin(apiId)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Edit {api.name}</h1>
      <ApiForm initial={{ ...api }} />
      <PlansSection apiId={api.id} />
      <Card>
        <h2 className="text-lg font-semibold">Gateway</h2>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          With an upstream, the console serves this API at <code className="break-all">{gatewayBaseUrl(api.slug)}</code>: it checks each
          call&apos;s token and subscription, forwards it, counts it and logs it.
        </p>
        <UpstreamForm
          save={saveUpstreamAction.bind(null, api.id)}
          test={testUpstreamAction.bind(null, api.id)}
          initial={upstream!}
          gatewayUrl={gatewayBaseUrl(api.slug)}
        />
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">OpenAPI document</h2>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          {openapi.document ? (
            <>
              Last changed {openapi.updatedAt ? <LocalTime date={openapi.updatedAt} /> : "—"}. Developers read it on the{" "}
              <TextLink href={`/apis/${api.slug}/reference`}>API reference</TextLink>.
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
