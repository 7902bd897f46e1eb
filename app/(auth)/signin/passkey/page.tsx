import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PasskeySignInButton } from "@/components/security/passkey-sign-in-button";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { passkeysUnavailableReason } from "@/lib/security/two-factor/origin";
import { safeReturnPath } from "@/lib/server/actions";
import { getViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Sign in with a passkey" };

/** Password-less sign-in with a passkey. A page of its own, so /signin keeps exactly one "Sign in" button. */
export default async function PasskeySignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl, "/apps");
  if (await getViewer()) redirect(callbackUrl);
  const reason = passkeysUnavailableReason();
  return (
    <Card>
      <h1 className="mb-1 text-2xl font-semibold">Sign in with a passkey</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        Your browser offers the passkeys you saved for this console; no password needed.
      </p>
      {reason ? <p className="text-sm">{reason}</p> : <PasskeySignInButton callbackUrl={callbackUrl} />}
      <p className="mt-6 text-sm">
        <TextLink className="font-medium" href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
          Use your password instead
        </TextLink>
      </p>
    </Card>
  );
}
