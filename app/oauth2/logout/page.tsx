import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SubmitButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { endOidcSessionAction } from "@/lib/actions/end-session";
import { searchFromRecord } from "@/lib/oauth/authorize";
import { checkEndSession } from "@/lib/oauth/end-session";
import { getViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Sign out" };
export const dynamic = "force-dynamic";

// The end-session endpoint (OpenID Connect RP-initiated logout): asks the signed-in person to confirm,
// signs them out of the console, then sends them to the app's registered post-logout redirect URL.
export default async function EndSessionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = searchFromRecord(await searchParams);
  const check = await checkEndSession(search);
  if (!check.ok) {
    return (
      <Card>
        <h1 className="mb-2 text-xl font-semibold">This sign-out request cannot be completed</h1>
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {check.message}
        </p>
      </Card>
    );
  }
  const viewer = await getViewer();
  if (!viewer) {
    if (check.redirectTo) redirect(check.redirectTo);
    return (
      <Card>
        <h1 className="mb-2 text-xl font-semibold">You are signed out</h1>
        <p className="text-sm">You are not signed in to the console.</p>
      </Card>
    );
  }
  return (
    <Card>
      <h1 className="mb-2 text-2xl font-semibold">Sign out of the console?</h1>
      <p className="mb-6 text-sm">
        {check.client ? (
          <>
            <strong>{check.client.name}</strong> asks to sign you out.{" "}
          </>
        ) : null}
        You are signed in as <strong>{viewer.user.email}</strong>.
      </p>
      <form action={endOidcSessionAction}>
        <input type="hidden" name="query" value={search.toString()} />
        <SubmitButton name="decision" value="signout" variant="primary">
          Sign out
        </SubmitButton>
      </form>
    </Card>
  );
}
