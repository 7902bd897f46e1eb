import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/account/forms";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { param } from "@/lib/server/pages";
import { resetLinkUsable } from "@/lib/users/password-reset";

export const metadata: Metadata = { title: "Set a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = param((await searchParams).token) ?? "";
  const usable = await resetLinkUsable(token);
  return (
    <Card>
      <h1 className="mb-4 text-2xl font-semibold">Set a new password</h1>
      {usable ? (
        <ResetPasswordForm token={token} />
      ) : (
        <>
          <Alert>This reset link is invalid, expired or already used. Ask for a new one.</Alert>
          <p className="mt-4 text-sm">
            <Link className="font-medium text-brand-700 underline dark:text-brand-300" href="/forgot-password">
              Forgot password?
            </Link>
          </p>
        </>
      )}
    </Card>
  );
}
