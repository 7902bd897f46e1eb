import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { passkeysUnavailableReason } from "@/lib/security/two-factor/origin";
import { safeReturnPath } from "@/lib/server/actions";
import { getViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // "/" lands each role where it acts (app/page.tsx, landingFor in lib/server/session.ts).
  const callbackUrl = safeReturnPath(params.callbackUrl, "/");
  // prompt=login / max_age (OpenID Connect): the authorization endpoint asks for a fresh sign-in.
  if (params.prompt !== "login" && (await getViewer())) redirect(callbackUrl);
  return (
    <Card>
      <h1 className="mb-1 text-2xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">to register apps and manage your API keys.</p>
      {params.reset ? (
        <p
          role="status"
          className="mb-4 rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          Your password was changed. Sign in with the new one.
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} />
      <p className="mt-4 text-sm">
        <TextLink className="font-medium" href="/forgot-password">
          Forgot password?
        </TextLink>
      </p>
      <p className="mt-4 text-sm">
        <TextLink className="font-medium" href={`/signin/sso?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
          Sign in with SSO
        </TextLink>
      </p>
      {passkeysUnavailableReason() ? null : (
        <p className="mt-4 text-sm">
          <TextLink className="font-medium" href={`/signin/passkey?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
            Sign in with a passkey
          </TextLink>
        </p>
      )}
      <p className="mt-6 text-sm">
        New here?{" "}
        <TextLink className="font-medium" href="/signup">
          Create an account
        </TextLink>
        {" · "}
        <TextLink className="font-medium" href="/docs">
          Read the docs
        </TextLink>
      </p>
    </Card>
  );
}
