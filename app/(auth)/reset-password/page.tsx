import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/account/forms";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { param } from "@/lib/server/pages";
import { requestContext } from "@/lib/server/request-context";
import { resetLinkUsable } from "@/lib/users/password-reset";

export const metadata: Metadata = { title: "Set a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = param((await searchParams).token) ?? "";
  const usable = await resetLinkUsable(token, await requestContext());
  return (
    <Card>
      <h1 className="mb-4 text-2xl font-semibold">Set a new password</h1>
      {usable ? (
        <ResetPasswordForm token={token} />
      ) : (
        <>
          <Alert>This reset link is invalid, expired or already used. Ask for a new one.</Alert>
          <p className="mt-4 text-sm">
            <TextLink className="font-medium" href="/forgot-password">
              Forgot password?
            </TextLink>
          </p>
        </>
      )}
    </Card>
  );
}
