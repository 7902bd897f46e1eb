import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, Suspense } from "react";
import { ClientSecretPanel } from "@/components/apps/client-secret-panel";
import { CredentialField } from "@/components/apps/credential-field";
import { AppSettingsForm, DeleteAppForm, EditAppForm, RotateSecretForm, StatusForm } from "@/components/apps/manage-forms";
import { RelativeTime } from "@/components/apps/relative-time";
import { TryHelloPanel } from "@/components/apps/try-hello";
import { parseRange, UsagePanel } from "@/components/metrics/usage-panel";
import { Alert } from "@/components/ui/alert";
import { StatusBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import {
  deleteAppAction,
  revealSecretAction,
  rotateSecretAction,
  setAppStatusAction,
  tryHelloAction,
  updateAppAction,
  updateAppSettingsAction,
} from "@/lib/actions/app";
import { listEntitledApis } from "@/lib/apis/catalog";
import { appActorFor } from "@/lib/apps/access";
import { appActivity, getAppDetail } from "@/lib/apps/queries";
import { newAppSecret } from "@/lib/apps/secrets";
import type { AppDetail } from "@/lib/apps/views";
import { AppError } from "@/lib/errors";
import { exactTime, timeAgo } from "@/lib/format";
import { ENDPOINTS, issuer } from "@/lib/oauth/config";
import { justRegistered } from "@/lib/security/reauth";
import { requireViewer } from "@/lib/server/session";
import { mayTryHello } from "@/lib/try-it/hello";
import { APP_KIND_LABELS, GRANT_TYPE_LABELS } from "@/lib/validation/app-registration";

type Params = { params: Promise<{ appId: string; tab?: string[] }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The tabs of an app's page, each with its own address (/apps/<id>, /apps/<id>/usage …). */
const TABS = [
  { slug: "", label: "Overview" },
  { slug: "usage", label: "Usage" },
  { slug: "settings", label: "Settings" },
  { slug: "activity", label: "Activity" },
  { slug: "danger", label: "Danger zone" },
] as const;
type TabSlug = (typeof TABS)[number]["slug"];

function tabOf(segments: string[] | undefined): TabSlug | null {
  if (!segments?.length) return "";
  if (segments.length > 1) return null;
  const found = TABS.find((t) => t.slug && t.slug === segments[0]);
  return found ? found.slug : null;
}

/** The viewer, their actor and the app: once per request (React cache), for the metadata and the page alike. */
const loadApp = cache(async (appId: string) => {
  const viewer = await requireViewer(`/apps/${encodeURIComponent(appId)}`);
  const actor = appActorFor(viewer);
  if (!actor) notFound();
  try {
    return { viewer, actor, app: await getAppDetail(actor, appId) };
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { appId, tab } = await params;
  const slug = tabOf(tab);
  // An unknown tab is a 404 here too: metadata is settled before the page streams, so the status is real.
  if (slug === null) notFound();
  const { app } = await loadApp(appId);
  const label = TABS.find((t) => t.slug === slug)?.label;
  return { title: slug ? `${label} · ${app.name}` : app.name };
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card>
      <section aria-labelledby={`${title.replace(/\W+/g, "-").toLowerCase()}-heading`} className="space-y-4">
        <h2 id={`${title.replace(/\W+/g, "-").toLowerCase()}-heading`} className="text-lg font-semibold">
          {title}
        </h2>
        {children}
      </section>
    </Card>
  );
}

function Summary({ app }: { app: AppDetail }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
      <dt className="font-medium">Name</dt>
      <dd data-testid="app-name">{app.name}</dd>
      <dt className="font-medium">Status</dt>
      <dd>
        <StatusBadge status={app.status} />
        {app.status === "SUSPENDED" && app.suspendedReason ? <span className="ml-2">{app.suspendedReason}</span> : null}
      </dd>
      <dt className="font-medium">Registered</dt>
      <dd>
        <RelativeTime date={app.createdAt} />
        {app.createdBy ? ` by ${app.createdBy.name}` : null}
      </dd>
      <dt className="font-medium">APIs</dt>
      <dd>
        <ul data-testid="app-apis">
          {app.apis.map((api) => (
            <li key={api.id}>{api.name}</li>
          ))}
        </ul>
      </dd>
      <dt className="font-medium">Kind of app</dt>
      <dd data-testid="app-kind">
        {app.kind ? (APP_KIND_LABELS[app.kind as keyof typeof APP_KIND_LABELS] ?? app.kind) : "Not given"} (
        {app.clientType === "public" ? "public: no Client Secret, PKCE required" : "confidential"})
      </dd>
      <dt className="font-medium">Grant types</dt>
      <dd>{app.grantTypes.map((g) => GRANT_TYPE_LABELS[g]).join(", ")}</dd>
      <dt className="font-medium">Redirect URL</dt>
      <dd>
        {app.redirectUri ? <code className="break-all">{app.redirectUri}</code> : "None (not used by its grant types)"}
        <p className="text-xs text-slate-600 dark:text-slate-400">Fixed at registration, like the grant types.</p>
      </dd>
      {app.description ? (
        <>
          <dt className="font-medium">Description</dt>
          <dd className="whitespace-pre-line">{app.description}</dd>
        </>
      ) : null}
      <dt className="font-medium">Terms of Service</dt>
      <dd>
        <Link href={`/terms?version=${encodeURIComponent(app.termsVersion)}`} className="text-brand-700 underline dark:text-brand-300">
          version {app.termsVersion}
        </Link>{" "}
        accepted <RelativeTime date={app.termsAcceptedAt} />
      </dd>
    </dl>
  );
}

function Endpoints() {
  const base = issuer();
  const rows: [string, string][] = [
    ["Issuer", base],
    ["Authorization endpoint", base + ENDPOINTS.authorization],
    ["Token endpoint", base + ENDPOINTS.token],
    ["JWKS", base + ENDPOINTS.jwks],
    ["Discovery document", `${base}/.well-known/oauth-authorization-server`],
  ];
  return (
    <dl className="space-y-3 text-sm">
      {rows.map(([label, url]) => (
        <div key={label} className="space-y-1">
          <dt className="font-medium">{label}</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <code className="min-w-0 flex-1 break-all rounded bg-slate-100 px-2 py-1 dark:bg-slate-800">{url}</code>
            <CopyButton text={url} label="Copy" ariaLabel={`Copy ${label}`} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function StatusBanner({ app, mayReactivate }: { app: AppDetail; mayReactivate: boolean }) {
  if (app.status === "ACTIVE") return null;
  if (app.status === "SUSPENDED") {
    return (
      <Alert kind="error">
        <strong>Suspended:</strong> this app gets no tokens until whoever suspended it restores it
        {app.suspendedReason ? ` (${app.suspendedReason})` : ""}.
      </Alert>
    );
  }
  return (
    <Alert kind="info">
      <strong>Inactive:</strong> this app gets no tokens, and the tokens it held were revoked.{" "}
      {mayReactivate ? (
        <Link href={`/apps/${app.id}/danger`} className="font-medium underline">
          Reactivate it in the Danger zone
        </Link>
      ) : null}
    </Alert>
  );
}

function LiveSecrets({ app }: { app: AppDetail }) {
  const current = app.secrets.find((s) => s.expiresAt === null) ?? app.secrets[0] ?? null;
  const previous = app.secrets.filter((s) => s !== current);
  if (!app.secrets.length) return null;
  return (
    <ul className="space-y-1 text-sm" aria-label="Live secrets">
      {current ? (
        <li>
          Current secret ending in <code>{current.lastFour}</code>, issued <RelativeTime date={current.createdAt} />.
        </li>
      ) : null}
      {previous.map((s) => (
        <li key={s.id} data-testid="previous-secret">
          Previous secret ending in <code>{s.lastFour}</code> keeps working until{" "}
          <time dateTime={s.expiresAt!.toISOString()}>{exactTime(s.expiresAt!)}</time> ({timeAgo(s.expiresAt!)}).
        </li>
      ))}
    </ul>
  );
}

export default async function AppPage({ params, searchParams }: Params) {
  const { appId, tab: segments } = await params;
  const tab = tabOf(segments);
  if (tab === null) notFound();
  const query = await searchParams;
  const { viewer, actor, app } = await loadApp(appId);
  const can = (op: AppDetail["operations"][number]) => app.operations.includes(op);
  const isPublic = app.clientType === "public";

  // The browser that just registered the app sees its new secret here, once, without the password.
  if (tab === "" && query.registered === "1" && can("reveal") && (await justRegistered(app.id, viewer.user.id))) {
    // A public app (Single-page, Native / mobile, Device or CLI) has no Client Secret.
    const fresh = isPublic ? null : await newAppSecret(actor, app.id);
    return (
      <div className="mx-auto max-w-3xl space-y-6">
        <h1 className="text-2xl font-semibold">Application Registered</h1>
        <Alert kind="success">
          {fresh
            ? `${app.name} is registered. Copy its Client Secret now and keep it where only your app can read it. You can see it again on this app's page after entering your password.`
            : `${app.name} is registered as a public app: it has no Client Secret, authenticates with its Client ID only and must use PKCE (S256).`}
        </Alert>
        <Section title="Credentials">
          <CredentialField id="client-id" label="Client ID" value={app.clientId} />
          {fresh ? <CredentialField id="client-secret" label="Client Secret" value={fresh.secret} secret /> : null}
        </Section>
        <Section title="Application">
          <Summary app={app} />
        </Section>
        <div className="flex flex-wrap gap-4 text-sm">
          <Link href="/apps" className="font-medium text-brand-700 underline dark:text-brand-300">
            My Applications
          </Link>
          <Link href={`/apps/${app.id}`} className="font-medium text-brand-700 underline dark:text-brand-300">
            Manage {app.name}
          </Link>
        </div>
      </div>
    );
  }

  const hasSettings = can("edit") || can("rotate");
  const hasDanger = can("deactivate") || can("reactivate") || can("delete");
  const tabs = TABS.filter((t) => (t.slug === "settings" ? hasSettings : t.slug === "danger" ? hasDanger : true));
  if (!tabs.some((t) => t.slug === tab)) notFound();
  const base = `/apps/${app.id}`;

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm">
        <Link href="/apps" className="text-brand-700 underline dark:text-brand-300">
          My Applications
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="break-all text-2xl font-semibold">{app.name}</h1>
        <StatusBadge status={app.status} />
      </div>
      <StatusBanner app={app} mayReactivate={can("reactivate")} />
      <nav aria-label="Application sections" className="-mx-1 overflow-x-auto border-b border-slate-300 dark:border-slate-600">
        <ul className="flex gap-1 px-1">
          {tabs.map((t) => (
            <li key={t.slug}>
              <Link
                href={t.slug ? `${base}/${t.slug}` : base}
                aria-current={t.slug === tab ? "page" : undefined}
                className="-mb-px block whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-700 hover:text-slate-950 aria-[current=page]:border-brand-600 aria-[current=page]:text-brand-700 dark:text-slate-200 dark:hover:text-white dark:aria-[current=page]:border-brand-300 dark:aria-[current=page]:text-brand-300"
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === "" ? <OverviewTab app={app} can={can} /> : null}
      {tab === "usage" ? (
        // Streamed (issue 17): the tabs paint first; the usage panel follows when its query is done.
        <Suspense
          fallback={
            <p role="status" aria-busy="true" className="text-sm text-slate-600 dark:text-slate-400">
              Loading usage…
            </p>
          }
        >
          <UsagePanel
            scope={{ appId: app.id }}
            range={parseRange(query.range)}
            basePath={`${base}/usage`}
            exportQuery={`app=${encodeURIComponent(app.id)}`}
            title={app.name}
          />
        </Suspense>
      ) : null}
      {tab === "settings" ? <SettingsTab app={app} can={can} companyId={actor.companyId} /> : null}
      {tab === "activity" ? <ActivityTab activity={await appActivity(actor, app.id, 50)} /> : null}
      {tab === "danger" ? <DangerTab app={app} can={can} /> : null}
    </div>
  );
}

type Can = (op: AppDetail["operations"][number]) => boolean;

function OverviewTab({ app, can }: { app: AppDetail; can: Can }) {
  return (
    <>
      <Section title="Credentials">
        <CredentialField id="client-id" label="Client ID" value={app.clientId} />
        {app.clientType === "public" ? (
          <p className="text-sm" data-testid="public-app-note">
            A public app: no Client Secret. It authenticates with its Client ID only and must use PKCE (S256).
          </p>
        ) : can("reveal") ? (
          <ClientSecretPanel
            key={app.secrets[0]?.id ?? "none"}
            reveal={revealSecretAction.bind(null, app.id)}
            lastFour={(app.secrets.find((s) => s.expiresAt === null) ?? app.secrets[0])?.lastFour ?? null}
          />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Only the developer who registered this app can see its Client Secret.
          </p>
        )}
        <LiveSecrets app={app} />
      </Section>
      <Section title="Endpoints">
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Where your app gets tokens. Libraries that read the discovery document need only the issuer.
        </p>
        <Endpoints />
      </Section>
      <Section title="Application">
        <Summary app={app} />
      </Section>
      {can("reveal") && app.clientType !== "public" && mayTryHello(app) ? (
        <Section title="Try it">
          <p className="text-sm">
            The console gets an access token with this app&apos;s Client ID and Client Secret (Client Credentials) and calls the Hello API
            with it. The secret stays on the server; the call counts in the usage.
          </p>
          <TryHelloPanel action={tryHelloAction.bind(null, app.id)} />
        </Section>
      ) : null}
      <Section title="Next steps">
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          {app.apis.map((api) =>
            api.slug ? (
              <li key={api.id}>
                Read the samples for{" "}
                <Link href={`/apis/${api.slug}`} className="text-brand-700 underline dark:text-brand-300">
                  {api.name}
                </Link>{" "}
                (pre-filled with this app&apos;s Client ID).
              </li>
            ) : null,
          )}
          <li>Store the Client Secret where only your server can read it; rotate it in Settings when someone who knew it leaves.</li>
          <li>
            Watch calls and errors on the{" "}
            <Link href={`/apps/${app.id}/usage`} className="text-brand-700 underline dark:text-brand-300">
              Usage
            </Link>{" "}
            tab.
          </li>
        </ol>
      </Section>
    </>
  );
}

async function SettingsTab({ app, can, companyId }: { app: AppDetail; can: Can; companyId: string }) {
  const entitled = can("edit") ? await listEntitledApis(companyId) : [];
  const editApis = [
    ...entitled.map((a) => ({ id: a.id, name: a.name, checked: app.apis.some((s) => s.id === a.id), available: true })),
    ...app.apis
      .filter((s) => !entitled.some((a) => a.id === s.id))
      .map((s) => ({ id: s.id, name: s.name, checked: true, available: false })),
  ];
  return (
    <>
      {can("edit") ? (
        <Section title="Edit application">
          <EditAppForm action={updateAppAction.bind(null, app.id)} name={app.name} description={app.description} apis={editApis} />
        </Section>
      ) : null}
      {can("edit") ? (
        <Section title="Sign-in settings">
          <AppSettingsForm
            action={updateAppSettingsAction.bind(null, app.id)}
            kind={app.kind}
            publicClient={app.clientType === "public"}
            postLogoutRedirectUri={app.postLogoutRedirectUri}
            allowedOrigins={app.allowedOrigins}
            requirePkce={app.requirePkce}
            requireDpop={app.requireDpop}
            requirePar={app.requirePar}
          />
        </Section>
      ) : null}
      {can("rotate") && app.clientType !== "public" ? (
        <Section title="Rotate the secret">
          <LiveSecrets app={app} />
          <RotateSecretForm action={rotateSecretAction.bind(null, app.id)} />
        </Section>
      ) : null}
    </>
  );
}

function ActivityTab({ activity }: { activity: Awaited<ReturnType<typeof appActivity>> }) {
  return (
    <Section title="Activity">
      {activity.length === 0 ? (
        <p className="text-sm">No activity yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="app-activity">
          {activity.map((a) => (
            <li key={a.id} className="py-2">
              <p>
                {a.sentence}, <RelativeTime date={a.createdAt} />
              </p>
              <details className="mt-1 text-xs">
                <summary className="cursor-pointer text-brand-700 underline dark:text-brand-300">Details</summary>
                <dl className="mt-1 grid gap-x-3 sm:grid-cols-[8rem_1fr]">
                  <dt className="font-medium">Event</dt>
                  <dd className="font-mono">{a.event}</dd>
                  <dt className="font-medium">Actor</dt>
                  <dd>{a.actorEmail ?? "the system"}</dd>
                  <dt className="font-medium">From</dt>
                  <dd>{a.ip ?? "unknown address"}</dd>
                  <dt className="font-medium">Entry</dt>
                  <dd className="font-mono break-all">{a.id}</dd>
                </dl>
              </details>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function DangerTab({ app, can }: { app: AppDetail; can: Can }) {
  return (
    <>
      {app.status === "ACTIVE" && can("deactivate") ? (
        <Section title="Deactivate">
          <p className="text-sm">An inactive app gets no tokens, and the tokens it holds are revoked. You can reactivate it later.</p>
          <StatusForm action={setAppStatusAction.bind(null, app.id, "INACTIVE")} label="Deactivate application" danger appName={app.name} />
        </Section>
      ) : null}
      {app.status === "INACTIVE" && can("reactivate") ? (
        <Section title="Reactivate">
          <p className="text-sm">The app can get tokens again with its Client ID and Client Secret.</p>
          <StatusForm action={setAppStatusAction.bind(null, app.id, "ACTIVE")} label="Reactivate application" />
        </Section>
      ) : null}
      {app.status === "SUSPENDED" ? (
        <Alert kind="info">This app is suspended: it gets no tokens until whoever suspended it restores it.</Alert>
      ) : null}
      {can("delete") ? (
        <Section title="Delete application">
          <DeleteAppForm action={deleteAppAction.bind(null, app.id)} name={app.name} />
        </Section>
      ) : null}
    </>
  );
}
