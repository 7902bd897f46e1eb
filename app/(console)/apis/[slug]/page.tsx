import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Markdown from "react-markdown";
import { ApiHeading } from "@/components/apis/api-heading";
import { SampleCode } from "@/components/apis/sample-code";
import { RequestAccessView } from "@/components/plans/request-access-view";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { appsSubscribedTo, getApi } from "@/lib/apis/catalog";
import { catalogScopeFor } from "@/lib/apis/scope";
import { appActorFor } from "@/lib/apps/access";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { gatewayBaseUrl } from "@/lib/gateway/assertion";
import { requestableApi } from "@/lib/plans/requests";
import { requireViewer } from "@/lib/server/session";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const viewer = await requireViewer(`/apis/${encodeURIComponent(slug)}`);
  const scope = catalogScopeFor(viewer);
  const api = scope ? await getApi(scope, slug).catch(() => null) : null;
  return { title: api ? api.name : "API" };
}

export default async function ApiPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await requireViewer(`/apis/${encodeURIComponent(slug)}`);
  const scope = catalogScopeFor(viewer);
  if (!scope) notFound();
  const api = await getApi(scope, slug).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") return null;
    throw e;
  });
  if (!api) {
    // An API that requires approval: a company not entitled to it may ask for access.
    const requestable = scope.kind === "company" ? await requestableApi(slug, scope.companyId) : null;
    if (!requestable) notFound();
    return <RequestAccessView api={requestable} />;
  }
  const actor = appActorFor(viewer);
  const apps = actor ? await appsSubscribedTo(api.id, actor) : [];
  const consoleUrl = env().consoleUrl;
  // An API behind the gateway is called at its gateway address; otherwise at its catalog endpoint.
  const apiUrl = api.upstreamUrl ? gatewayBaseUrl(api.slug) : api.endpoint.startsWith("/") ? consoleUrl + api.endpoint : api.endpoint;
  return (
    <div className="space-y-6">
      <ApiHeading api={api}>
        Version {api.version} · {api.status.toLowerCase()}
      </ApiHeading>
      {api.openapi ? (
        <p>
          <TextLink href={`/apis/${api.slug}/reference`} className="font-medium">
            API reference
          </TextLink>{" "}
          <span className="text-sm text-slate-600 dark:text-slate-400">— every operation, parameter and schema, and Try it.</span>
        </p>
      ) : null}
      <Card>
        <h2 className="text-lg font-semibold">Endpoint</h2>
        <p className="mt-1 font-mono text-sm break-all">{apiUrl}</p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Send an access token as <code>Authorization: Bearer &lt;token&gt;</code>.
        </p>
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Documentation</h2>
        <div className="prose-sm max-w-none space-y-3 [&_a]:text-brand-700 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 dark:[&_code]:bg-slate-800 [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:text-lg [&_h2]:font-semibold [&_li]:ml-5 [&_li]:list-disc [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-900 [&_pre]:p-3 [&_pre]:text-slate-100">
          {/* react-markdown renders no raw HTML and drops javascript: links: documentation cannot inject script. */}
          <Markdown>{api.documentation || "_No documentation yet._"}</Markdown>
        </div>
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Your apps using {api.name}</h2>
        {apps.length === 0 ? (
          <p className="text-sm">None yet. Register an app and subscribe it to {api.name}.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {apps.map((a) => (
              <li key={a.id}>
                <TextLink href={`/apps/${a.id}`} className="font-medium">
                  {a.name}
                </TextLink>{" "}
                <span className="text-slate-600 dark:text-slate-400">({a.status.toLowerCase()})</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Sample code</h2>
        <SampleCode
          consoleUrl={consoleUrl}
          apiUrl={apiUrl}
          apps={apps.map((a) => ({
            id: a.id,
            name: a.name,
            clientId: a.clientId,
            grantTypes: Array.isArray(a.grantTypes) ? (a.grantTypes as string[]) : [],
            redirectUri: a.redirectUri,
          }))}
        />
      </Card>
    </div>
  );
}
