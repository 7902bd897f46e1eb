import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/account/forms";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <Card>
      <h1 className="mb-1 text-2xl font-semibold">Forgot password?</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        We email a link that lets you choose a new password. It works once, for 30 minutes.
      </p>
      <ForgotPasswordForm />
      <p className="mt-6 text-sm">
        <TextLink className="font-medium" href="/signin">
          Back to sign in
        </TextLink>
      </p>
    </Card>
  );
}
