import type { Metadata } from "next";
import { CompanySectionHeader } from "@/components/companies/section-nav";
import { TwoFactorPolicyForm } from "@/components/security/policy-forms";
import { SecretLifetimeForm } from "@/components/security/secret-lifetime-form";
import { Card } from "@/components/ui/card";
import { setCompanyTwoFactorPolicyAction } from "@/lib/actions/two-factor";
import { companySecretLifetimeDays } from "@/lib/apps/secret-lifetime";
import { hasSecondFactor } from "@/lib/security/two-factor/factors";
import { companyRequiresTwoFactor } from "@/lib/security/two-factor/policy";
import { requireCompanyPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Company security" };

export default async function CompanySecurityPage() {
  const { viewer, company } = await requireCompanyPage("security.manage.company", "/company/security");
  const [required, lifetimeDays] = await Promise.all([
    companyRequiresTwoFactor(company.companyId),
    companySecretLifetimeDays(company.companyId),
  ]);
  return (
    <div className="space-y-8">
      <CompanySectionHeader companyName={company.companyName} title="Security" status={company.companyStatus} />
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Two-step sign-in</h2>
        <TwoFactorPolicyForm
          action={setCompanyTwoFactorPolicyAction}
          required={required}
          enrolled={await hasSecondFactor(viewer.user.id)}
          hint="Members without an authenticator app or passkey are sent to set one up before any company page opens. Their apps keep working."
        />
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Client secret lifetime</h2>
        <SecretLifetimeForm days={lifetimeDays} />
      </Card>
    </div>
  );
}
