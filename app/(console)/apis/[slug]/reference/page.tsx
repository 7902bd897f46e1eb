import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Markdown from "react-markdown";
import { MethodBadge, OperationView, SchemasView } from "@/components/apis/openapi-reference";
import { TryItPanel } from "@/components/apis/try-it";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { tryItAction } from "@/lib/actions/try-it";
import { dereferencedOpenApi, parseStoredOpenApi } from "@/lib/apis/openapi";
import { operations } from "@/lib/apis/reference";
import { catalogScopeFor } from "@/lib/apis/scope";
import { appActorFor } from "@/lib/apps/access";
import { AppError } from "@/lib/errors";
import { requireViewer } from "@/lib/server/session";
import { appsThatMayTry, tryableFor } from "@/lib/try-it/operation";

export const metadata: Metadata = { title: "API reference" };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export default async function ApiReferencePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await requireViewer(`/apis/${encodeURIComponent(slug)}/reference`);
  const scope = catalogScopeFor(viewer);
  if (!scope) notFound();
  const { api, ops: tryable } = await tryableFor(scope, slug).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const stored = parseStoredOpenApi(api.openapi);
  const doc = stored ? await dereferencedOpenApi(stored) : null;
  const ops = doc ? operations(doc) : [];
  const tags = [...new Set(ops.map((o) => o.tag))];
  const info = doc && isObj(doc.info) ? doc.info : {};
  const actor = appActorFor(viewer);
  const apps = actor && tryable.length ? await appsThatMayTry(actor, api.id) : [];
  const schemas = doc && isObj(doc.components) && isObj(doc.components.schemas) ? doc.components.schemas : {};
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <TextLink href="/apis">APIs</TextLink> / <TextLink href={`/apis/${api.slug}`}>{api.name}</TextLink> / Reference
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{api.name} reference</h1>
          {doc ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              OpenAPI {String(doc.openapi)} · version {String(info.version ?? api.version)}
            </p>
          ) : null}
        </div>
        {doc ? (
          <TextLink anchor href={`/apis/${api.slug}/openapi.json`} download className="text-sm font-medium">
            Download OpenAPI document
          </TextLink>
        ) : null}
      </div>
      {!doc ? (
        <p>This API has no OpenAPI document yet. Its page has its documentation and sample code.</p>
      ) : (
        <>
          {typeof info.description === "string" ? (
            <div className="space-y-2 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 dark:[&_code]:bg-slate-800">
              <Markdown>{info.description}</Markdown>
            </div>
          ) : null}
          <nav aria-label="Operations">
            <h2 className="text-lg font-semibold">Operations</h2>
            <ul className="mt-2 space-y-1 text-sm">
              {ops.map((op) => (
                <li key={op.key} className="flex items-center gap-2">
                  <MethodBadge method={op.method} />
                  <TextLink anchor href={`#${op.anchor}`} className="font-mono">
                    {op.path}
                  </TextLink>
                  {op.summary ? <span>{op.summary}</span> : null}
                </li>
              ))}
            </ul>
          </nav>
          <Card>
            <h2 className="mb-1 text-lg font-semibold">Try it</h2>
            {tryable.length === 0 ? (
              <p className="text-sm">Try it calls only APIs this console serves; this API has no such operation.</p>
            ) : apps.length === 0 ? (
              <p className="text-sm">
                Try it needs an active app of yours registered for Client Credentials or Authorization Code and subscribed to {api.name}.{" "}
                <TextLink href="/apps/register">Register an app</TextLink>.
              </p>
            ) : (
              <>
                <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
                  The console gets a token on the server (the app’s secret never reaches your browser) and sends the request. The call
                  counts in the app’s usage.
                  {apps.some((a) => a.grantType === "authorization_code") ? (
                    <>
                      {" "}
                      An app with Client Credentials uses them. An Authorization Code app acts for you: the console authorizes it as the
                      consent page would (with PKCE), redeems the code as the app would, and revokes that token, and the authorization if
                      you had not given it before, once the request is done.
                    </>
                  ) : null}
                </p>
                <TryItPanel
                  action={tryItAction.bind(null, api.slug)}
                  apps={apps}
                  operations={tryable.map((o) => ({
                    key: o.key,
                    method: o.method,
                    params: o.parameters.map((p) => ({ name: p.name, in: p.in, required: p.required })),
                  }))}
                />
              </>
            )}
          </Card>
          {tags.map((tag) => (
            <section key={tag} aria-labelledby={`tag-${tag.replace(/[^A-Za-z0-9_-]+/g, "-")}`} className="space-y-3">
              <h2 id={`tag-${tag.replace(/[^A-Za-z0-9_-]+/g, "-")}`} className="text-xl font-semibold">
                {tag}
              </h2>
              {ops
                .filter((o) => o.tag === tag)
                .map((op) => (
                  <OperationView key={op.key} op={op} />
                ))}
            </section>
          ))}
          <SchemasView schemas={schemas} />
        </>
      )}
    </div>
  );
}
