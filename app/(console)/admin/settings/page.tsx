import type { Metadata } from "next";
import { AdminSectionHeader } from "@/components/companies/section-nav";
import { CompanySignUpForm } from "@/components/plans/company-signup-forms";
import { Card } from "@/components/ui/card";
import { companySignUpMode } from "@/lib/plans/company-requests";
import { requirePlatformAdminPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Platform settings" };

export default async function AdminSettingsPage() {
  await requirePlatformAdminPage("/admin/settings", "settings.manage");
  return (
    <div className="space-y-6">
      <AdminSectionHeader title="Settings" />
      <Card>
        <CompanySignUpForm mode={await companySignUpMode()} />
      </Card>
    </div>
  );
}
