import Link from "next/link";
import { RelativeTime } from "@/components/apps/relative-time";
import { LocalTime } from "@/components/time/local-time";
import { Alert } from "@/components/ui/alert";
import { StatusBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import type { AppDetail } from "@/lib/apps/views";
import { timeAgo } from "@/lib/format";
import { APP_KIND_LABELS, GRANT_TYPE_LABELS } from "@/lib/validation/app-registration";

// Pieces the app page's tabs share: a titled card, the app's summary, its live secrets, the status banner.
export type Can = (op: AppDetail["operations"][number]) => boolean;

export function TabSection({ title, children }: { title: string; children: React.ReactNode }) {
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

export function Summary({ app }: { app: AppDetail }) {
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
        <TextLink href={`/terms?version=${encodeURIComponent(app.termsVersion)}`}>version {app.termsVersion}</TextLink> accepted{" "}
        <RelativeTime date={app.termsAcceptedAt} />
      </dd>
    </dl>
  );
}

export function StatusBanner({ app, mayReactivate }: { app: AppDetail; mayReactivate: boolean }) {
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

/** "Last used <time> from <address>" (written in batches, so up to a few seconds late), or "never". */
function LastUsed({ at, ip }: { at: Date | null; ip: string | null }) {
  if (!at) return <>Last used: never.</>;
  return (
    <>
      Last used <LocalTime date={at} /> ({timeAgo(at)}){ip ? ` from ${ip}` : ""}.
    </>
  );
}

export function LiveSecrets({ app }: { app: AppDetail }) {
  // The newest live secret is the current one (a rotation issues it last); the others are in their grace period.
  const current = app.secrets[0] ?? null;
  const previous = app.secrets.filter((s) => s !== current);
  return (
    <ul className="space-y-1 text-sm" aria-label="Live secrets">
      <li data-testid="app-last-used">
        This app: <LastUsed at={app.lastUsedAt} ip={app.lastUsedIp} />
      </li>
      {current ? (
        <li>
          Current secret ending in <code>{current.lastFour}</code>, issued <RelativeTime date={current.createdAt} />.
          {current.expiresAt ? (
            <>
              {" "}
              Expires <LocalTime date={current.expiresAt} /> ({timeAgo(current.expiresAt)}
              ).
            </>
          ) : null}{" "}
          <LastUsed at={current.lastUsedAt} ip={current.lastUsedIp} />
        </li>
      ) : null}
      {previous.map((s) => (
        <li key={s.id} data-testid="previous-secret">
          Previous secret ending in <code>{s.lastFour}</code> keeps working until <LocalTime date={s.expiresAt!} /> ({timeAgo(s.expiresAt!)}
          ). <LastUsed at={s.lastUsedAt} ip={s.lastUsedIp} />
        </li>
      ))}
    </ul>
  );
}
