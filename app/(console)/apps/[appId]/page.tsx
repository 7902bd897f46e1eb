import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ClientSecretPanel } from "@/components/apps/client-secret-panel";
import { CredentialField } from "@/components/apps/credential-field";
import { AppSettingsForm, DeleteAppForm, EditAppForm, RotateSecretForm, StatusForm } from "@/components/apps/manage-forms";
import { RelativeTime } from "@/components/apps/relative-time";
import { StatusBadge } from "@/components/apps/status-badge";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { listEntitledApis } from "@/lib/apis/catalog";
import { appActorFor } from "@/lib/apps/access";
import { appActivity, getAppDetail } from "@/lib/apps/queries";
import { UsagePanel, parseRange } from "@/components/metrics/usage-panel";
import { newAppSecret } from "@/lib/apps/secrets";
import type { AppDetail } from "@/lib/apps/views";
import { AppError } from "@/lib/errors";
import { exactTime, timeAgo } from "@/lib/format";
import { justRegistered } from "@/lib/reauth";
import { requireViewer } from "@/lib/session";
import { APP_KIND_LABELS, GRANT_TYPE_LABELS } from "@/lib/validation/app-registration";
import {
  deleteAppAction,
  revealSecretAction,
  rotateSecretAction,
  setAppStatusAction,
  tryHelloAction,
  updateAppAction,
  updateAppSettingsAction,
} from "./actions";
import { TryHelloPanel } from "@/components/apps/try-hello";
import { mayTryHello } from "@/lib/apps/try-hello";

export const metadata: Metadata = { title: "Application" };

type Params = { params: Promise<{ appId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

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
        {app.kind ? APP_KIND_LABELS[app.kind as keyof typeof APP_KIND_LABELS] ?? app.kind : "Not given"} ({app.clientType === "public" ? "public: no Client Secret, PKCE required" : "confidential"})
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

export default async function AppPage({ params, searchParams }: Params) {
  const { appId } = await params;
  const query = await searchParams;
  const viewer = await requireViewer(`/apps/${encodeURIComponent(appId)}`);
  const actor = appActorFor(viewer);
  if (!actor) notFound();
  let app: AppDetail;
  try {
    app = await getAppDetail(actor, appId);
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) notFound();
    throw error;
  }
  const can = (op: AppDetail["operations"][number]) => app.operations.includes(op);
  const isPublic = app.clientType === "public";

  // The browser that just registered the app sees its new secret here, once, without the password.
  if (query.registered === "1" && can("reveal") && (await justRegistered(app.id, viewer.user.id))) {
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

  const [entitled, activity] = await Promise.all([
    can("edit") ? listEntitledApis(actor.companyId) : Promise.resolve([]),
    appActivity(actor, app.id),
  ]);
  const current = app.secrets.find((s) => s.expiresAt === null) ?? app.secrets[0] ?? null;
  const previous = app.secrets.filter((s) => s !== current);
  const editApis = [
    ...entitled.map((a) => ({ id: a.id, name: a.name, checked: app.apis.some((s) => s.id === a.id), available: true })),
    ...app.apis.filter((s) => !entitled.some((a) => a.id === s.id)).map((s) => ({ id: s.id, name: s.name, checked: true, available: false })),
  ];

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link href="/apps" className="text-brand-700 underline dark:text-brand-300">
          My Applications
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{app.name}</h1>
        <StatusBadge status={app.status} />
      </div>

      <Section title="Credentials">
        <CredentialField id="client-id" label="Client ID" value={app.clientId} />
        {isPublic ? (
          <p className="text-sm" data-testid="public-app-note">
            A public app: no Client Secret. It authenticates with its Client ID only and must use PKCE (S256).
          </p>
        ) : can("reveal") ? (
          <ClientSecretPanel key={current?.id ?? "none"} reveal={revealSecretAction.bind(null, app.id)} lastFour={current?.lastFour ?? null} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">Only the developer who registered this app can see its Client Secret.</p>
        )}
        {app.secrets.length ? (
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
        ) : null}
      </Section>

      <Section title="Application">
        <Summary app={app} />
      </Section>

      {can("reveal") && !isPublic && mayTryHello(app) ? (
        <Section title="Try it">
          <p className="text-sm">
            The console gets an access token with this app&apos;s Client ID and Client Secret (Client Credentials) and calls the Hello API with it.
            The secret stays on the server; the call counts in the usage below.
          </p>
          <TryHelloPanel action={tryHelloAction.bind(null, app.id)} />
        </Section>
      ) : null}

      {/* Streamed (issue 17): the credentials above paint first; the usage panel follows when its query is done. */}
      <Suspense fallback={<p role="status" aria-busy="true" className="text-sm text-slate-600 dark:text-slate-400">Loading usage…</p>}>
        <UsagePanel scope={{ appId: app.id }} range={parseRange(query.range)} basePath={`/apps/${app.id}`} exportQuery={`app=${encodeURIComponent(app.id)}`} title={app.name} />
      </Suspense>

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
            publicClient={isPublic}
            postLogoutRedirectUri={app.postLogoutRedirectUri}
            allowedOrigins={app.allowedOrigins}
            requirePkce={app.requirePkce}
            requireDpop={app.requireDpop}
            requirePar={app.requirePar}
          />
        </Section>
      ) : null}

      {can("rotate") && !isPublic ? (
        <Section title="Rotate the secret">
          <RotateSecretForm action={rotateSecretAction.bind(null, app.id)} />
        </Section>
      ) : null}

      {app.status === "ACTIVE" && can("deactivate") ? (
        <Section title="Deactivate">
          <p className="text-sm">An inactive app gets no tokens, and the tokens it holds are revoked. You can reactivate it later.</p>
          <StatusForm action={setAppStatusAction.bind(null, app.id, "INACTIVE")} label="Deactivate application" danger />
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

      <Section title="Activity">
        {activity.length === 0 ? (
          <p className="text-sm">No activity yet.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="app-activity">
            {activity.map((a) => (
              <li key={a.id}>
                <code>{a.event}</code> by {a.actorEmail ?? "system"}, <RelativeTime date={a.createdAt} />
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
