import "server-only";
// Switching how a confidential app authenticates (its Settings tab, dynamic registration): "Client
// secret" or "Private key JWT" (RFC 7523) with a pasted JWK Set or a JWKS URL. An app on private_key_jwt
// has no secret: switching to it revokes every live secret at once; switching back issues a new one,
// which the developer reveals as usual. Audited (app.client_auth_changed) in the same transaction.
import { writeAudit } from "../audit";
import { db } from "../db";
import { AppError } from "../errors";
import { parsePublicJwks } from "../oauth/client-jwks";
import type { RequestContext } from "../server/request-context";
import { CLIENT_AUTH_TEXT, clientAuthenticationSchema } from "../validation/client-authentication";
import { parseInput } from "../validation/common";
import { checkWebhookUrl } from "../webhooks/url-safety";
import { type AppActor, appEntry, appFor } from "./access";
import { changeCredentials, createSecret, liveSecretWhere } from "./secrets";

export interface ClientAuthenticationChange {
  method: "client_secret" | "private_key_jwt";
  /** The id of the secret issued when the app went back to a Client Secret. */
  issuedSecretId: string | null;
}

function fieldError(field: "jwks" | "jwksUri", message: string): AppError {
  return new AppError("validation", message, { fieldErrors: { [field]: [message] } });
}

/** The checked setting: the method and the keys it keeps (a normalised JWK Set text, or an https URL). */
export function checkedClientAuthentication(input: unknown) {
  const data = parseInput(clientAuthenticationSchema, input);
  if (data.method === "client_secret") return { method: data.method, jwks: null, jwksUri: null };
  if (data.jwksUri) {
    const checked = checkWebhookUrl(data.jwksUri);
    if ("error" in checked) throw fieldError("jwksUri", checked.error);
    return { method: data.method, jwks: null, jwksUri: checked.url.href };
  }
  const parsed = parsePublicJwks(data.jwks);
  if ("error" in parsed) throw fieldError("jwks", parsed.error);
  return { method: data.method, jwks: JSON.stringify(parsed.jwks), jwksUri: null };
}

/** Sets the app's client authentication (the "edit" right on the app); returns what changed, or null when nothing did. */
export async function setClientAuthentication(
  actor: AppActor,
  appId: string,
  input: unknown,
  ctx: RequestContext | null,
  now = new Date(),
): Promise<ClientAuthenticationChange | null> {
  const next = checkedClientAuthentication(input);
  const app = await appFor((where) => db().app.findFirst({ where }), actor, appId, "edit");
  if (app.clientType === "public") throw new AppError("validation", CLIENT_AUTH_TEXT.publicApp);
  if (app.clientAuthMethod === next.method && app.jwks === next.jwks && app.jwksUri === next.jwksUri) return null;
  return changeCredentials(actor, app, "edit", async (tx) => {
    const current = await tx.app.findUniqueOrThrow({ where: { id: app.id }, select: { clientAuthMethod: true } });
    await tx.app.update({ where: { id: app.id }, data: { clientAuthMethod: next.method, jwks: next.jwks, jwksUri: next.jwksUri } });
    let revokedCredentialIds: string[] = [];
    let issuedSecretId: string | null = null;
    if (next.method === "private_key_jwt") {
      const live = await tx.clientSecret.findMany({ where: { appId: app.id, ...liveSecretWhere(now) }, select: { id: true } });
      revokedCredentialIds = live.map((s) => s.id);
      if (revokedCredentialIds.length)
        await tx.clientSecret.updateMany({ where: { id: { in: revokedCredentialIds } }, data: { revokedAt: now } });
    } else if (current.clientAuthMethod === "private_key_jwt") {
      issuedSecretId = (await createSecret(tx, app.id, actor.user.id, now)).id;
    }
    const change = {
      from: current.clientAuthMethod,
      to: next.method,
      keySource: next.jwksUri ? "jwks_uri" : next.jwks ? "jwks" : null,
      jwksUri: next.jwksUri,
      // Ids of ClientSecret rows (never their values); key names avoid the audit log's redaction.
      revokedCredentialIds,
      issuedCredentialId: issuedSecretId,
    };
    await writeAudit(tx, actor.user, appEntry("app.client_auth_changed", app, change), ctx);
    return { method: next.method, issuedSecretId };
  });
}
