import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ConsentDecision } from "@/components/oauth/consent-decision";
import { Card } from "@/components/ui/card";
import { decideAuthorizationAction } from "@/lib/actions/authorize";
import { describeScope, searchFromRecord } from "@/lib/oauth/authorize";
import { continueAuthorization, startAuthorization } from "@/lib/oauth/authorize-flow";
import { describeClaims } from "@/lib/oauth/oidc-claims";
import { requestContext } from "@/lib/server/request-context";
import { getViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Authorize application" };
export const dynamic = "force-dynamic";

function ErrorCard({ title, message }: { title: string; message: string }) {
  return (
    <Card>
      <h1 className="mb-2 text-xl font-semibold">{title}</h1>
      <p role="alert" className="text-sm text-red-800 dark:text-red-300">
        {message}
      </p>
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
        You were not sent back to the application. Tell its developers, or close this page.
      </p>
    </Card>
  );
}

// The authorization endpoint (GET /oauth2/authorize): validates the request (or loads the pushed one),
// keeps it as a server-side transaction, asks the person to sign in, and shows the consent page unless
// they already authorized this app for this scope. Allow/Deny name the transaction, nothing else.
export default async function AuthorizePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = searchFromRecord(await searchParams);
  const start = await startAuthorization(search, search.toString().length);
  if (start.kind === "page") return <ErrorCard title={start.title} message={start.message} />;
  if (start.kind === "redirect") redirect(start.url);
  const next = await continueAuthorization(start.transaction, start.request, await getViewer(), await requestContext(), {
    returnTo: start.returnTo,
  });
  if (next.kind === "page") return <ErrorCard title="This authorization request cannot be completed" message={next.message} />;
  if (next.kind !== "consent") redirect(next.url);
  const viewer = (await getViewer())!;
  const { request } = next;
  const apis = await describeScope(request.scope);
  const claims = describeClaims(request.scope);
  return (
    <Card>
      <p className="text-sm text-slate-600 dark:text-slate-400">Authorization request</p>
      <h1 className="mb-1 text-2xl font-semibold">
        Allow <span data-testid="consent-app-name">{request.client.name}</span> to use your account?
      </h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        An application of <strong data-testid="consent-company-name">{request.client.companyName}</strong>
      </p>
      <h2 className="mb-2 text-sm font-semibold">It asks to:</h2>
      <ul className="mb-6 list-disc space-y-1 pl-5 text-sm" aria-label="What the application asks for">
        <li>
          {request.scope.includes("openid") ? "sign you in" : "act on your behalf"} as <strong>{viewer.user.email}</strong>{" "}
          {request.responseType === "token" ? "(with an access token handed to the application directly)" : null}
        </li>
        {claims.length ? (
          <li data-testid="consent-claims">
            see your{" "}
            {claims.map((c, i) => (
              <span key={c.claim}>
                {i > 0 ? (i === claims.length - 1 ? " and " : ", ") : null}
                <strong>{c.label}</strong> <span className="font-mono text-xs">({c.claim})</span>
              </span>
            ))}
          </li>
        ) : null}
        {apis.map((api) => (
          <li key={api.slug}>
            call the <strong>{api.name}</strong>
            {api.summary ? <span className="text-slate-600 dark:text-slate-400"> — {api.summary}</span> : null}
          </li>
        ))}
      </ul>
      <p className="mb-6 text-xs text-slate-600 dark:text-slate-400">
        After you allow it, you are sent back to <span className="break-all font-mono">{request.redirectUri}</span>. You can withdraw this
        at any time on{" "}
        <Link className="underline" href="/account/grants">
          Authorized apps
        </Link>
        .
      </p>
      <ConsentDecision action={decideAuthorizationAction} field="transaction" value={next.transactionId} />
    </Card>
  );
}
