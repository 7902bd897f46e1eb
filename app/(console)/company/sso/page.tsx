import type { Metadata } from "next";
import { CompanySectionHeader } from "@/components/companies/section-nav";
import { OidcConnectionForm, RemoveConnectionForm, SamlMetadataForm, TestConnectionForm } from "@/components/sso/connection-forms";
import { ConnectionState } from "@/components/sso/connection-state";
import { AddDomainForm, RemoveDomainForm, RequireSsoForm, VerifyDomainForm } from "@/components/sso/domain-forms";
import { GenerateScimTokenForm } from "@/components/sso/scim-token-form";
import { LocalTime } from "@/components/time/local-time";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { TextLink } from "@/components/ui/text-link";
import { grantableRoles, ROLE_LABELS, ROLES } from "@/lib/permissions";
import { scimBaseUrl } from "@/lib/scim/http";
import { currentScimToken } from "@/lib/scim/tokens";
import { orNotFound, param } from "@/lib/server/pages";
import { actorOf, requireCompanyPage } from "@/lib/server/session";
import { formatGroupRoles, listConnections } from "@/lib/sso/connections";
import { listDomains } from "@/lib/sso/domains";
import { listConnectionHealth } from "@/lib/sso/health";
import { samlConnectionOf } from "@/lib/sso/saml";
import { oidcRedirectUri } from "@/lib/sso/signin";
import { samlFormValues } from "./saml-form-values";

export const metadata: Metadata = { title: "Single sign-on" };

export default async function CompanySsoPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, company } = await requireCompanyPage("sso.manage.company", "/company/sso");
  const tested = param((await searchParams).tested);
  const [domains, connections, scimToken, saml, health] = await Promise.all([
    orNotFound(listDomains(actorOf(viewer), company.companyId)),
    orNotFound(listConnections(actorOf(viewer), company.companyId)),
    orNotFound(currentScimToken(actorOf(viewer), company.companyId)),
    orNotFound(samlConnectionOf(actorOf(viewer), company.companyId)),
    orNotFound(listConnectionHealth(actorOf(viewer), company.companyId)),
  ]);
  const oidcConnection = connections.find((c) => c.protocol === "OIDC") ?? null;
  const grantable = grantableRoles(company.roles);
  const roleOptions = ROLES.filter((r) => grantable.includes(r)).map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  const redirectUri = oidcRedirectUri();
  return (
    <div className="space-y-8">
      <CompanySectionHeader companyName={company.companyName} title="Single sign-on" status={company.companyStatus} />
      {tested ? <Alert kind="success">The connection works: your identity provider signed in {tested}.</Alert> : null}
      <Card>
        <h2 className="mb-1 text-lg font-semibold">Domains</h2>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          Prove that your company owns an email domain by publishing a DNS TXT record. People whose address is in a verified domain can then
          sign in through your identity provider.
        </p>
        {domains.length === 0 ? (
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">No domains yet.</p>
        ) : (
          <ul className="mb-6 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {domains.map((d) => (
              <li key={d.id} aria-label={d.domain} className="space-y-3 p-4">
                <p className="font-medium">
                  {d.domain}{" "}
                  <span className="font-normal text-slate-600 dark:text-slate-400">{d.verifiedAt ? "· Verified" : "· Not verified"}</span>
                </p>
                {d.verifiedAt ? null : (
                  <dl className="grid gap-2 text-sm sm:grid-cols-[auto_1fr]">
                    <dt className="font-medium">TXT record name</dt>
                    <dd className="flex flex-wrap items-center gap-2">
                      <code className="break-all">{d.recordName}</code>
                      <CopyButton text={d.recordName} ariaLabel={`Copy the record name of ${d.domain}`} />
                    </dd>
                    <dt className="font-medium">TXT record value</dt>
                    <dd className="flex flex-wrap items-center gap-2">
                      <code className="break-all">{d.recordValue}</code>
                      <CopyButton text={d.recordValue} ariaLabel={`Copy the record value of ${d.domain}`} />
                    </dd>
                  </dl>
                )}
                {d.verifiedAt ? <RequireSsoForm domainId={d.id} domain={d.domain} required={d.requireSso} /> : null}
                <div className="flex flex-wrap items-start gap-3">
                  {d.verifiedAt ? null : <VerifyDomainForm domainId={d.id} domain={d.domain} />}
                  <RemoveDomainForm domainId={d.id} domain={d.domain} />
                </div>
              </li>
            ))}
          </ul>
        )}
        <AddDomainForm />
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold">OpenID Connect</h2>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          Register the console as a web application at your identity provider (Entra ID, Okta, Google Workspace …) with the redirect URI
          below, then enter what it gives you. People of your verified domains then sign in at “Sign in with SSO”.
        </p>
        <dl className="mb-4 grid gap-2 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">Redirect URI</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <code className="break-all">{redirectUri}</code>
            <CopyButton text={redirectUri} ariaLabel="Copy the redirect URI" />
          </dd>
        </dl>
        {oidcConnection ? <ConnectionState label="OpenID Connect" health={health.get(oidcConnection.id)} /> : null}
        <OidcConnectionForm
          roles={roleOptions}
          current={
            oidcConnection
              ? {
                  issuer: oidcConnection.issuer ?? "",
                  clientId: oidcConnection.clientId ?? "",
                  hasClientSecret: oidcConnection.hasClientSecret,
                  defaultRoles: oidcConnection.defaultRoles,
                  groupRoles: formatGroupRoles(oidcConnection.groupRoles),
                }
              : null
          }
        />
        {oidcConnection ? (
          <div className="mt-6 flex flex-wrap items-start gap-3 border-t border-slate-200 pt-4 dark:border-slate-800">
            <TestConnectionForm connectionId={oidcConnection.id} />
            <RemoveConnectionForm connectionId={oidcConnection.id} label="OpenID Connect" />
          </div>
        ) : null}
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold">SAML 2.0</h2>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          For identity providers you connect over SAML: the console gives them an entity ID and an ACS URL, they give it their metadata XML.
          When both connections are set, people sign in through OpenID Connect.
        </p>
        <p className="mb-4 text-sm">
          {saml
            ? saml.metadata
              ? `Connected to ${saml.metadata.entityId}.`
              : "Waiting for the identity provider's metadata."
            : "Not set up."}
        </p>
        <SamlMetadataForm current={samlFormValues(saml)} />
        <p className="mt-4 text-sm">
          <TextLink href="/company/sso/saml" className="font-medium">
            {saml ? "Edit the SAML connection" : "Set up SAML"}
          </TextLink>
          : the console&apos;s entity ID and ACS URL, default roles, group mapping and Test connection.
        </p>
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold">SCIM provisioning</h2>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          Let your identity provider create and deactivate your people here (SCIM 2.0). A person it deactivates or deletes leaves the
          company: their apps are suspended and their secrets and tokens revoked.
        </p>
        <dl className="mb-4 grid gap-2 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">SCIM base URL</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <code className="break-all">{scimBaseUrl()}</code>
            <CopyButton text={scimBaseUrl()} ariaLabel="Copy the SCIM base URL" />
          </dd>
          <dt className="font-medium">Token</dt>
          <dd>
            {scimToken ? (
              <>
                apcv_…{scimToken.lastFour}, made <LocalTime date={scimToken.createdAt} />
              </>
            ) : (
              "None yet"
            )}
          </dd>
        </dl>
        <GenerateScimTokenForm hasToken={Boolean(scimToken)} />
      </Card>
    </div>
  );
}
