import type { Metadata } from "next";
import { RelativeTime } from "@/components/apps/relative-time";
import { Alert } from "@/components/ui/alert";
import { ConfirmSubmit } from "@/components/ui/confirm-dialog";
import { TextLink } from "@/components/ui/text-link";
import { revokeGrantAction } from "@/lib/actions/grants";
import { listUserGrants } from "@/lib/oauth/consents";
import { requireViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Authorized apps" };

export default async function ManageGrantsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireViewer("/account/grants");
  const params = await searchParams;
  const grants = await listUserGrants(viewer.user.id);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Authorized apps</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Applications you have authorized to act for you. Revoking one ends its access at once: its refresh and access tokens stop working.
        </p>
      </div>
      {params.revoked ? <Alert kind="success">The authorization was revoked.</Alert> : null}
      {params.missing ? <Alert>That authorization was not found; it may already be revoked.</Alert> : null}
      {grants.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400" data-testid="empty-state">
          You have not authorized any application. When an app asks to act for you (the Authorization Code grant), its consent page adds it
          here; see{" "}
          <TextLink href="/docs/oauth2/authorization-code" className="font-medium">
            the Authorization Code guide
          </TextLink>
          .
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {grants.map((g) => (
            <li key={g.id} className="flex flex-wrap items-center justify-between gap-4 p-4" aria-label={g.appName}>
              <div>
                <p className="font-medium">{g.appName}</p>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  by {g.companyName} · authorized <RelativeTime date={g.grantedAt} />
                  {g.scope.length ? ` · APIs: ${g.scope.join(", ")}` : ""}
                </p>
              </div>
              <form action={revokeGrantAction}>
                <input type="hidden" name="consentId" value={g.id} />
                <ConfirmSubmit
                  ariaLabel={`Revoke ${g.appName}`}
                  title={`Revoke ${g.appName}?`}
                  description={
                    <p>
                      {g.appName} can no longer act for you: its access and refresh tokens stop working now. It has to ask for your consent
                      again.
                    </p>
                  }
                  confirmLabel="Revoke"
                  pendingLabel="Revoking…"
                >
                  Revoke
                </ConfirmSubmit>
              </form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
