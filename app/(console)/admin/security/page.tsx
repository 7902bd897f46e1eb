import type { Metadata } from "next";
import { AdminSectionHeader } from "@/components/companies/section-nav";
import { TwoFactorPolicyForm } from "@/components/security/policy-forms";
import { Card } from "@/components/ui/card";
import { setPlatformTwoFactorPolicyAction } from "@/lib/actions/two-factor";
import { env } from "@/lib/env";
import { platformRequiresTwoFactor } from "@/lib/security/two-factor/policy";
import { requirePlatformAdminPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Platform security" };

export default async function AdminSecurityPage() {
  await requirePlatformAdminPage("/admin/security", "security.manage.platform");
  const required = await platformRequiresTwoFactor();
  return (
    <div className="space-y-8">
      <AdminSectionHeader title="Security" />
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Two-step sign-in for everyone</h2>
        <TwoFactorPolicyForm
          action={setPlatformTwoFactorPolicyAction}
          required={required}
          hint="Every person without an authenticator app or passkey is sent to set one up before any console page opens. Apps keep working."
        />
        <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
          Platform administrators {env().requireTwoFactorForAdmins ? "must" : "need not"} use two-step sign-in
          (CONSOLE_REQUIRE_2FA_FOR_ADMINS={env().requireTwoFactorForAdmins ? "1" : "0"}).
        </p>
      </Card>
    </div>
  );
}
