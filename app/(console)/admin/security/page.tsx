import type { Metadata } from "next";
import { AdminSectionHeader } from "@/components/companies/section-nav";
import { ResetSecondFactorForm, TwoFactorPolicyForm } from "@/components/security/policy-forms";
import { Card } from "@/components/ui/card";
import { resetSecondFactorAction, setPlatformTwoFactorPolicyAction } from "@/lib/actions/two-factor";
import { env } from "@/lib/env";
import { hasSecondFactor } from "@/lib/security/two-factor/factors";
import { platformRequiresTwoFactor } from "@/lib/security/two-factor/policy";
import { requirePlatformAdminPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Platform security" };

export default async function AdminSecurityPage() {
  const viewer = await requirePlatformAdminPage("/admin/security", "security.manage.platform");
  const required = await platformRequiresTwoFactor();
  return (
    <div className="space-y-8">
      <AdminSectionHeader title="Security" />
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Two-step sign-in for everyone</h2>
        <TwoFactorPolicyForm
          action={setPlatformTwoFactorPolicyAction}
          required={required}
          enrolled={await hasSecondFactor(viewer.user.id)}
          hint="Every person without an authenticator app or passkey is sent to set one up before any console page opens. Apps keep working."
        />
        <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
          Platform administrators {env().requireTwoFactorForAdmins ? "must" : "need not"} use two-step sign-in
          (CONSOLE_REQUIRE_2FA_FOR_ADMINS={env().requireTwoFactorForAdmins ? "1" : "0"}).
        </p>
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold">Reset an account&apos;s second factor</h2>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          For someone who lost every factor and their recovery codes. Their authenticator app, passkeys, recovery codes and trusted browsers
          stop working; the reason is audited and mailed to them. Companies cannot do this for accounts outside their own verified email
          domains.
        </p>
        <ResetSecondFactorForm
          action={resetSecondFactorAction}
          askPassword={!(await hasSecondFactor(viewer.user.id))}
          returnTo="/admin/security"
        />
      </Card>
    </div>
  );
}
