import { CredentialField } from "@/components/apps/credential-field";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import type { AppDetail } from "@/lib/apps/views";
import { Summary, TabSection } from "./shared";

/** What the browser that just registered the app sees, once: its Client ID and, for a confidential app, its new secret. */
export function RegisteredView({ app, secret }: { app: AppDetail; secret: string | null }) {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">Application Registered</h1>
      <Alert kind="success">
        {secret
          ? `${app.name} is registered. Copy its Client Secret now and keep it where only your app can read it. You can see it again on this app's page after entering your password.`
          : `${app.name} is registered as a public app: it has no Client Secret, authenticates with its Client ID only and must use PKCE (S256).`}
      </Alert>
      <TabSection title="Credentials">
        <CredentialField id="client-id" label="Client ID" value={app.clientId} />
        {secret ? <CredentialField id="client-secret" label="Client Secret" value={secret} secret /> : null}
      </TabSection>
      <TabSection title="Application">
        <Summary app={app} />
      </TabSection>
      <div className="flex flex-wrap gap-4 text-sm">
        <TextLink href="/apps" className="font-medium">
          My Applications
        </TextLink>
        <TextLink href={`/apps/${app.id}`} className="font-medium">
          Manage {app.name}
        </TextLink>
      </div>
    </div>
  );
}
