import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import {
  approveAuthorization,
  checkAuthorizationRequest,
  describeScope,
  hasRememberedConsent,
  searchFromRecord,
} from "@/lib/oauth/authorize";
import { requestContext } from "@/lib/request-context";
import { requireViewer } from "@/lib/session";
import { decideAuthorizationAction } from "./actions";
import { SubmitButton } from "@/components/ui/button";

export const metadata: Metadata = { title: "Authorize application" };
export const dynamic = "force-dynamic";

// The authorization endpoint (GET /oauth2/authorize): validates the request, asks the person to sign
// in, and shows the consent page unless they already authorized this app for this scope.
export default async function AuthorizePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = searchFromRecord(await searchParams);
  const check = await checkAuthorizationRequest(search);
  if (!check.ok && check.kind === "page") {
    return (
      <Card>
        <h1 className="mb-2 text-xl font-semibold">{check.title}</h1>
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {check.message}
        </p>
        <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
          You were not sent back to the application. Tell its developers, or close this page.
        </p>
      </Card>
    );
  }
  if (!check.ok) redirect(check.url);
  const query = search.toString();
  const viewer = await requireViewer(`/oauth2/authorize?${query}`);
  const { request } = check;
  if (await hasRememberedConsent(viewer.user.id, request)) {
    redirect(await approveAuthorization(viewer.user, request, await requestContext()));
  }
  const apis = await describeScope(request.scope);
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
          act on your behalf as <strong>{viewer.user.email}</strong>{" "}
          {request.responseType === "token" ? "(with an access token handed to the application directly)" : null}
        </li>
        {apis.map((api) => (
          <li key={api.slug}>
            call the <strong>{api.name}</strong>
            {api.summary ? <span className="text-slate-600 dark:text-slate-400"> — {api.summary}</span> : null}
          </li>
        ))}
      </ul>
      <p className="mb-6 text-xs text-slate-600 dark:text-slate-400">
        After you allow it, you are sent back to <span className="break-all font-mono">{request.redirectUri}</span>. You can
        withdraw this at any time on <Link className="underline" href="/account/grants">Manage grants</Link>.
      </p>
      <form action={decideAuthorizationAction} className="flex gap-3">
        <input type="hidden" name="query" value={query} />
        <SubmitButton name="decision" value="allow" variant="primary">
          Allow
        </SubmitButton>
        <SubmitButton name="decision" value="deny" variant="secondary">
          Deny
        </SubmitButton>
      </form>
    </Card>
  );
}
