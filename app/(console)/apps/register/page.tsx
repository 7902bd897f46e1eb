import type { Metadata } from "next";
import { RegistrationForm } from "@/components/apps/registration-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { listEntitledApis } from "@/lib/apis/catalog";
import { can } from "@/lib/permissions";
import { requireViewer } from "@/lib/server/session";
import { currentTerms } from "@/lib/terms";

export const metadata: Metadata = { title: "Register an Application" };

export default async function RegisterAppPage() {
  const viewer = await requireViewer("/apps/register");
  const company = viewer.active;
  const mayRegister = company ? can(company.roles, "apps.register") : false;
  const [apis, terms] = mayRegister && company ? await Promise.all([listEntitledApis(company.companyId), currentTerms()]) : [[], null];
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <TextLink href="/apps">My Applications</TextLink>
      </p>
      <h1 className="text-2xl font-semibold">Register an Application</h1>
      {!company || !mayRegister ? (
        <Alert kind="info">
          Only API Developers of a company register applications.{" "}
          {company
            ? `Ask a Delegated Administrator of ${company.companyName} for the API Developer role.`
            : `Ask a Delegated Administrator of your company to add ${viewer.user.email} with the API Developer role.`}
        </Alert>
      ) : company.companyStatus !== "ACTIVE" ? (
        <Alert kind="info">{company.companyName} is suspended: no applications can be registered for it.</Alert>
      ) : !terms ? (
        <Alert>The Terms of Service are not published yet. Ask the platform administrator.</Alert>
      ) : (
        <Card>
          <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
            For {company.companyName}. You get a Client ID at once, and a Client Secret unless the app is public (Single-page, Native /
            mobile, Device or CLI); keep a secret where only your app can read it.
          </p>
          <RegistrationForm apis={apis.map((a) => ({ id: a.id, name: a.name, summary: a.summary }))} termsVersion={terms.version} />
        </Card>
      )}
    </div>
  );
}
