import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { SSO_FAILURE_MESSAGES, type SsoFailureReason } from "@/lib/sso/signin";

export const metadata: Metadata = { title: "Single sign-on failed" };

export default async function SsoErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { reason } = await searchParams;
  const known = typeof reason === "string" && reason in SSO_FAILURE_MESSAGES;
  const message = known ? SSO_FAILURE_MESSAGES[reason as SsoFailureReason] : SSO_FAILURE_MESSAGES.state;
  return (
    <Card>
      <h1 className="mb-4 text-2xl font-semibold">Single sign-on failed</h1>
      <Alert>{message}</Alert>
      <p className="mt-6 text-sm">
        <TextLink className="font-medium" href="/signin/sso">
          Sign in with SSO
        </TextLink>
        {" · "}
        <TextLink className="font-medium" href="/signin">
          Sign in with a password
        </TextLink>
      </p>
    </Card>
  );
}
