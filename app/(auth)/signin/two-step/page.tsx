import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SecondFactorForm } from "@/components/security/second-factor-form";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { secondStepCodeAction, secondStepPasskeyAction, secondStepPasskeyOptionsAction } from "@/lib/actions/two-factor";
import { passkeysUnavailableReason } from "@/lib/security/two-factor/origin";
import { pendingSignIn } from "@/lib/security/two-factor/sign-in";

export const metadata: Metadata = { title: "Two-step sign-in" };

export default async function TwoStepPage() {
  const pending = await pendingSignIn();
  if (!pending) redirect("/signin");
  const passkeysOk = pending.hasPasskeys && !passkeysUnavailableReason();
  return (
    <Card>
      <h1 className="mb-1 text-2xl font-semibold">Two-step sign-in</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        Confirm it is you, {pending.email}: {pending.hasTotp ? "enter a code from your authenticator app" : "use your passkey"}, or a
        recovery code.
      </p>
      <SecondFactorForm
        codeAction={secondStepCodeAction}
        showTrust
        hasTotp={pending.hasTotp}
        passkey={passkeysOk ? { options: secondStepPasskeyOptionsAction, verify: secondStepPasskeyAction } : null}
        submitLabel="Verify"
      />
      <p className="mt-6 text-sm">
        <TextLink className="font-medium" href="/signin">
          Sign in as someone else
        </TextLink>
      </p>
    </Card>
  );
}
