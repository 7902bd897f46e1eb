import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Alert } from "@/components/ui/alert";
import { StatusBadge } from "@/components/ui/badge";
import { TextLink } from "@/components/ui/text-link";
import { appActorFor } from "@/lib/apps/access";
import { appActivity, getAppDetail } from "@/lib/apps/queries";
import { newAppSecret } from "@/lib/apps/secrets";
import type { AppDetail } from "@/lib/apps/views";
import { AppError } from "@/lib/errors";
import { pendingApprovals } from "@/lib/plans/usage";
import { justRegistered } from "@/lib/security/reauth";
import { hasFreshSecondFactor } from "@/lib/security/two-factor/step-up";
import { requireViewer } from "@/lib/server/session";
import { ActivityTab } from "../_tabs/activity";
import { DangerTab } from "../_tabs/danger";
import { LogsTab } from "../_tabs/logs";
import { OverviewTab } from "../_tabs/overview";
import { RegisteredView } from "../_tabs/registered";
import { resumeGraceOf, SettingsTab } from "../_tabs/settings";
import { StatusBanner } from "../_tabs/shared";
import { UsageTab } from "../_tabs/usage";

type Params = { params: Promise<{ appId: string; tab?: string[] }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The tabs of an app's page, each with its own address (/apps/<id>, /apps/<id>/usage …). */
const TABS = [
  { slug: "", label: "Overview" },
  { slug: "usage", label: "Usage" },
  { slug: "logs", label: "Logs" },
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
    return <RegisteredView app={app} secret={fresh?.secret ?? null} />;
  }

  const hasSettings = can("edit") || can("rotate");
  const hasDanger = can("deactivate") || can("reactivate") || can("delete");
  const tabs = TABS.filter((t) => (t.slug === "settings" ? hasSettings : t.slug === "danger" ? hasDanger : true));
  if (!tabs.some((t) => t.slug === tab)) notFound();
  const base = `/apps/${app.id}`;

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm">
        <TextLink href="/apps">My Applications</TextLink>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="break-all text-2xl font-semibold">{app.name}</h1>
        <StatusBadge status={app.status} />
      </div>
      <StatusBanner app={app} mayReactivate={can("reactivate")} />
      {(await pendingApprovals(app.id)).map((api) => (
        <Alert key={api} kind="info">
          <strong>Pending approval:</strong> {api} — the platform administrator has not approved this app&apos;s subscription yet; its calls
          get 403 until then.
        </Alert>
      ))}
      <nav aria-label="Application sections" className="-mx-1 overflow-x-auto border-b border-slate-300 dark:border-slate-600">
        <ul className="flex gap-1 px-1">
          {tabs.map((t) => (
            <li key={t.slug}>
              <Link href={t.slug ? `${base}/${t.slug}` : base} aria-current={t.slug === tab ? "page" : undefined} className="tab-link">
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === "" ? <OverviewTab app={app} can={can} /> : null}
      {tab === "usage" ? <UsageTab actor={actor} app={app} can={can} basePath={`${base}/usage`} range={query.range} /> : null}
      {tab === "logs" ? <LogsTab actor={actor} appId={app.id} basePath={`${base}/logs`} query={query} /> : null}
      {tab === "settings" ? (
        <SettingsTab
          app={app}
          can={can}
          companyId={actor.companyId}
          // Back from the re-check page: finish the rotation that asked for it, with the grace period chosen then.
          resumeGrace={query.resume === "rotate" && (await hasFreshSecondFactor(viewer)) ? resumeGraceOf(query.grace) : null}
        />
      ) : null}
      {tab === "activity" ? <ActivityTab activity={await appActivity(actor, app.id, 50)} /> : null}
      {tab === "danger" ? <DangerTab app={app} can={can} /> : null}
    </div>
  );
}
