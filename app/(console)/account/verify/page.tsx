import type { Metadata } from "next";
import { PasswordCheckForm } from "@/components/security/password-check-form";
import { SecondFactorForm } from "@/components/security/second-factor-form";
import { Card } from "@/components/ui/card";
import { stepUpCodeAction, stepUpPasskeyAction, stepUpPasskeyOptionsAction, stepUpPasswordAction } from "@/lib/actions/two-factor";
import { factorSummary } from "@/lib/security/two-factor/factors";
import { passkeysUnavailableReason } from "@/lib/security/two-factor/origin";
import { safeReturnPath } from "@/lib/server/actions";
import { requireViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Confirm it is you" };

/**
 * The re-check page: a second factor from the last 10 minutes before a sensitive operation, or the
 * password for someone who has no factor yet (setting one up, resetting someone else's).
 */
export default async function VerifyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const returnTo = safeReturnPath(params.returnTo, "/account/security");
  const viewer = await requireViewer(`/account/verify?returnTo=${encodeURIComponent(returnTo)}`);
  const factors = await factorSummary(viewer.user.id);
  if (!factors.totp && factors.passkeys.length === 0) {
    return (
      <div className="mx-auto max-w-md">
        <Card>
          <h1 className="mb-1 text-2xl font-semibold">Confirm it is you</h1>
          <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
            Enter your password again before changing how you sign in. Afterwards you return to where you were.
          </p>
          <PasswordCheckForm action={stepUpPasswordAction} returnTo={returnTo} />
        </Card>
      </div>
    );
  }
  const passkeysOk = factors.passkeys.length > 0 && !passkeysUnavailableReason();
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-1 text-2xl font-semibold">Confirm it is you</h1>
        <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
          This needs your second factor from the last 10 minutes. Afterwards you return to where you were.
        </p>
        <SecondFactorForm
          codeAction={stepUpCodeAction}
          hidden={{ returnTo }}
          hasTotp={factors.totp}
          passkey={passkeysOk ? { options: stepUpPasskeyOptionsAction, verify: stepUpPasskeyAction.bind(null, returnTo) } : null}
          submitLabel="Confirm"
        />
      </Card>
    </div>
  );
}
