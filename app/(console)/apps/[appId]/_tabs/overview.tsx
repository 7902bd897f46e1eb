import { ClientSecretPanel } from "@/components/apps/client-secret-panel";
import { CredentialField } from "@/components/apps/credential-field";
import { TryHelloPanel } from "@/components/apps/try-hello";
import { CopyButton } from "@/components/ui/copy-button";
import { TextLink } from "@/components/ui/text-link";
import { revealSecretAction, tryHelloAction } from "@/lib/actions/app";
import type { AppDetail } from "@/lib/apps/views";
import { ENDPOINTS, issuer } from "@/lib/oauth/config";
import { mayTryHello } from "@/lib/try-it/hello";
import { type Can, LiveSecrets, Summary, TabSection } from "./shared";

function Endpoints() {
  const base = issuer();
  const rows: [string, string][] = [
    ["Issuer", base],
    ["Authorization endpoint", base + ENDPOINTS.authorization],
    ["Token endpoint", base + ENDPOINTS.token],
    ["JWKS", base + ENDPOINTS.jwks],
    ["Discovery document", `${base}/.well-known/oauth-authorization-server`],
  ];
  return (
    <dl className="space-y-3 text-sm">
      {rows.map(([label, url]) => (
        <div key={label} className="space-y-1">
          <dt className="font-medium">{label}</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <code className="min-w-0 flex-1 break-all rounded bg-slate-100 px-2 py-1 dark:bg-slate-800">{url}</code>
            <CopyButton text={url} label="Copy" ariaLabel={`Copy ${label}`} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function OverviewTab({ app, can }: { app: AppDetail; can: Can }) {
  return (
    <>
      <TabSection title="Credentials">
        <CredentialField id="client-id" label="Client ID" value={app.clientId} />
        {app.clientType === "public" ? (
          <p className="text-sm" data-testid="public-app-note">
            A public app: no Client Secret. It authenticates with its Client ID only and must use PKCE (S256).
          </p>
        ) : app.clientAuthMethod === "private_key_jwt" ? (
          <p className="text-sm" data-testid="private-key-jwt-note">
            No Client Secret: this app authenticates with a key. It signs a private key JWT (client_assertion, RFC 7523) with its private
            key, and the console checks it with the public keys{" "}
            {app.jwksUri ? (
              <>
                published at <code className="break-all">{app.jwksUri}</code>
              </>
            ) : (
              "pasted on the Settings tab"
            )}
            .
          </p>
        ) : can("reveal") ? (
          <ClientSecretPanel
            key={app.secrets[0]?.id ?? "none"}
            reveal={revealSecretAction.bind(null, app.id)}
            lastFour={(app.secrets.find((s) => s.expiresAt === null) ?? app.secrets[0])?.lastFour ?? null}
          />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Only the developer who registered this app can see its Client Secret.
          </p>
        )}
        <LiveSecrets app={app} />
      </TabSection>
      <TabSection title="Endpoints">
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Where your app gets tokens. Libraries that read the discovery document need only the issuer.
        </p>
        <Endpoints />
      </TabSection>
      <TabSection title="Application">
        <Summary app={app} />
      </TabSection>
      {can("reveal") && app.clientType !== "public" && app.clientAuthMethod !== "private_key_jwt" && mayTryHello(app) ? (
        <TabSection title="Try it">
          <p className="text-sm">
            The console gets an access token with this app&apos;s Client ID and Client Secret (Client Credentials) and calls the Hello API
            with it. The secret stays on the server; the call counts in the usage.
          </p>
          <TryHelloPanel action={tryHelloAction.bind(null, app.id)} />
        </TabSection>
      ) : null}
      <TabSection title="Next steps">
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          {app.apis.map((api) =>
            api.slug ? (
              <li key={api.id}>
                Read the samples for <TextLink href={`/apis/${api.slug}`}>{api.name}</TextLink> (pre-filled with this app&apos;s Client ID).
              </li>
            ) : null,
          )}
          <li>Store the Client Secret where only your server can read it; rotate it in Settings when someone who knew it leaves.</li>
          <li>
            Watch calls and errors on the <TextLink href={`/apps/${app.id}/usage`}>Usage</TextLink> tab.
          </li>
        </ol>
      </TabSection>
    </>
  );
}
