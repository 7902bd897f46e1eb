import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SsoSignInForm } from "@/components/auth/sso-sign-in-form";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { safeReturnPath } from "@/lib/server/actions";
import { getViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Sign in with SSO" };

export default async function SsoSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl, "/");
  if (await getViewer()) redirect(callbackUrl);
  return (
    <Card>
      <h1 className="mb-1 text-2xl font-semibold">Sign in with SSO</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">through your company&apos;s identity provider.</p>
      <SsoSignInForm callbackUrl={callbackUrl} />
      <p className="mt-6 text-sm">
        <TextLink className="font-medium" href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
          Sign in with a password
        </TextLink>
      </p>
    </Card>
  );
}
