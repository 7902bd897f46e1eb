import type { Metadata } from "next";
import { CompanySectionHeader } from "@/components/companies/section-nav";
import { RemoveConnectionForm, SamlConnectionForm, TestConnectionForm } from "@/components/sso/connection-forms";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { TextLink } from "@/components/ui/text-link";
import { grantableRoles, ROLE_LABELS, ROLES } from "@/lib/permissions";
import { orNotFound } from "@/lib/server/pages";
import { actorOf, requireCompanyPage } from "@/lib/server/session";
import { samlConnectionOf } from "@/lib/sso/saml";
import { samlFormValues } from "../saml-form-values";

export const metadata: Metadata = { title: "SAML single sign-on" };

export default async function CompanySamlPage() {
  const { viewer, company } = await requireCompanyPage("sso.manage.company", "/company/sso/saml");
  const saml = await orNotFound(samlConnectionOf(actorOf(viewer), company.companyId));
  const grantable = grantableRoles(company.roles);
  const roleOptions = ROLES.filter((r) => grantable.includes(r)).map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  const addresses = saml
    ? [
        // The entity ID is also the URL of the console's SP metadata.
        { label: "Entity ID (SP metadata URL)", value: saml.spEntityId, copy: "Copy the SAML entity ID" },
        { label: "ACS URL", value: saml.acsUrl, copy: "Copy the ACS URL" },
      ]
    : [];
  return (
    <div className="space-y-8">
      <CompanySectionHeader companyName={company.companyName} title="SAML single sign-on" status={company.companyStatus} />
      <p className="text-sm">
        <TextLink href="/company/sso">Back to Single sign-on</TextLink>
      </p>
      <Card>
        <h2 className="mb-1 text-lg font-semibold">The console&apos;s side</h2>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          Add the console as a SAML application at your identity provider with this entity ID and ACS URL (or let it read the entity ID as
          its metadata URL). Name ID: the person&apos;s email address. Assertions must be signed.
        </p>
        {saml ? (
          <dl className="grid gap-2 text-sm sm:grid-cols-[auto_1fr]">
            {addresses.map((a) => (
              <div key={a.label} className="contents">
                <dt className="font-medium">{a.label}</dt>
                <dd className="flex flex-wrap items-center gap-2">
                  <code className="break-all">{a.value}</code>
                  <CopyButton text={a.value} ariaLabel={a.copy} />
                </dd>
              </div>
            ))}
            <dt className="font-medium">Identity provider</dt>
            <dd className="break-all">
              {saml.metadata ? `${saml.metadata.entityId} (${saml.metadata.binding}, ${saml.metadata.ssoUrl})` : "No metadata yet"}
            </dd>
          </dl>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Save the form below once (the metadata may stay empty) to get the console&apos;s entity ID and ACS URL.
          </p>
        )}
      </Card>
      <Card>
        <h2 className="mb-4 text-lg font-semibold">Identity provider</h2>
        <SamlConnectionForm roles={roleOptions} current={samlFormValues(saml)} />
        {saml ? (
          <div className="mt-6 flex flex-wrap items-start gap-3 border-t border-slate-200 pt-4 dark:border-slate-800">
            {saml.metadata ? <TestConnectionForm connectionId={saml.id} /> : null}
            <RemoveConnectionForm connectionId={saml.id} label="SAML" />
          </div>
        ) : null}
      </Card>
    </div>
  );
}
