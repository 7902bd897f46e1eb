import { AppSettingsForm, ClientAuthenticationForm, EditAppForm, RotateSecretForm } from "@/components/apps/manage-forms";
import { rotateSecretAction, updateAppAction, updateAppSettingsAction, updateClientAuthenticationAction } from "@/lib/actions/app";
import { listEntitledApis } from "@/lib/apis/catalog";
import type { AppDetail } from "@/lib/apps/views";
import { ROTATION_GRACE_HOURS } from "@/lib/validation/app-limits";
import { type Can, LiveSecrets, TabSection } from "./shared";

/** A grace period from the query, when it is one the form offers (else null). */
export function resumeGraceOf(value: unknown): string | null {
  return typeof value === "string" && (ROTATION_GRACE_HOURS as readonly number[]).includes(Number(value)) && /^\d+$/.test(value)
    ? value
    : null;
}

export async function SettingsTab({
  app,
  can,
  companyId,
  resumeGrace,
}: {
  app: AppDetail;
  can: Can;
  companyId: string;
  resumeGrace: string | null;
}) {
  const entitled = can("edit") ? await listEntitledApis(companyId) : [];
  const editApis = [
    ...entitled.map((a) => ({ id: a.id, name: a.name, checked: app.apis.some((s) => s.id === a.id), available: true })),
    ...app.apis
      .filter((s) => !entitled.some((a) => a.id === s.id))
      .map((s) => ({ id: s.id, name: s.name, checked: true, available: false })),
  ];
  return (
    <>
      {can("edit") ? (
        <TabSection title="Edit application">
          <EditAppForm action={updateAppAction.bind(null, app.id)} name={app.name} description={app.description} apis={editApis} />
        </TabSection>
      ) : null}
      {can("edit") ? (
        <TabSection title="Sign-in settings">
          <AppSettingsForm
            action={updateAppSettingsAction.bind(null, app.id)}
            kind={app.kind}
            publicClient={app.clientType === "public"}
            postLogoutRedirectUri={app.postLogoutRedirectUri}
            allowedOrigins={app.allowedOrigins}
            requirePkce={app.requirePkce}
            requireDpop={app.requireDpop}
            requirePar={app.requirePar}
          />
        </TabSection>
      ) : null}
      {can("edit") && app.clientType !== "public" ? (
        <TabSection title="Client authentication">
          <ClientAuthenticationForm
            action={updateClientAuthenticationAction.bind(null, app.id)}
            method={app.clientAuthMethod}
            jwks={app.jwks}
            jwksUri={app.jwksUri}
          />
        </TabSection>
      ) : null}
      {can("rotate") && app.clientType !== "public" && app.clientAuthMethod !== "private_key_jwt" ? (
        <TabSection title="Rotate the secret">
          <LiveSecrets app={app} />
          <RotateSecretForm action={rotateSecretAction.bind(null, app.id)} resumeGrace={resumeGrace} />
        </TabSection>
      ) : null}
    </>
  );
}
