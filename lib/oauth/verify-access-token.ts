import "server-only";
// The one place an access token is checked, for every API and for introspection: the JWT is verified
// locally with the published keys (cached in memory: lib/oauth/keys), then what can change after
// issuance is read fresh: the jti revocation list, the grant (revoked by the person, the client, or by
// code/refresh-token reuse), the app and company status (suspension stops tokens at once), the app's
// "not before" cut-off (tokens issued before its owner left), and for a user's token that the user is
// still active.
import { errors as joseErrors, type JWTPayload, jwtVerify } from "jose";
import { lruCache } from "../cache";
import { db } from "../db";
import { isUnavailableError } from "../http/unavailable";
import { apiAudience, issuer, SIGNING_ALG } from "./config";
import { hotCached } from "./hot-cache";
import { verificationKey } from "./keys";
import { isAccessTokenRevoked } from "./revocation";
import { GRANT_CLAIM } from "./tokens";

export interface VerifiedAccessToken {
  jti: string;
  clientId: string;
  appId: string;
  appName: string;
  companyId: string;
  companyName: string;
  /** The user id for user grants; the client id for client_credentials. */
  subject: string;
  userId: string | null;
  username: string | null;
  grantId: string | null;
  scope: string[];
  issuedAt: number;
  expiresAt: number;
  audience: string;
  issuer: string;
  audiences: string[];
  jkt: string | null;
}

export type InvalidTokenReason = "malformed" | "bad_signature" | "expired" | "revoked" | "inactive";

export class InvalidAccessToken extends Error {
  constructor(
    readonly reason: InvalidTokenReason,
    message: string,
  ) {
    super(message);
    this.name = "InvalidAccessToken";
  }
}

export interface SignedClaims {
  jti: string;
  clientId: string;
  subject: string;
  grantId: string | null;
  scope: string[];
  issuedAt: number;
  expiresAt: number;
  /** Every audience of the token: the platform audience, or per-API resources (RFC 8707). */
  audiences: string[];
  /** RFC 9449: the thumbprint of the DPoP key the token is bound to (cnf.jkt). */
  jkt: string | null;
}

// Tokens whose signature and claims were verified, by their exact text (the way Envoy's jwt_authn
// caches verified JWTs): a client sends the same access token for up to an hour, and the same bytes
// verified by the same key stay verified. A hit is accepted only while the key that verified it is
// still the one the key cache answers for its kid (a reload, rotation or retirement makes a new key
// object, so the entry is verified afresh), and the lifetime is judged again at every use, as jose
// does (expired when exp <= now). What can change after issuance (revocation, grant, app, company,
// user) is never cached here: verifyAccessToken reads it for every call.
interface VerifiedEntry {
  claims: SignedClaims;
  kid: string;
  key: CryptoKey;
}
const verified = lruCache<string, VerifiedEntry>("oauth.verified-tokens", 10_000);

async function cachedClaims(token: string): Promise<SignedClaims | null> {
  const hit = verified.get(token);
  if (!hit) return null;
  if ((await verificationKey(hit.kid)) !== hit.key) {
    verified.delete(token);
    return null;
  }
  if (hit.claims.expiresAt <= Math.floor(Date.now() / 1000)) throw new InvalidAccessToken("expired", "The access token has expired.");
  return hit.claims;
}

/** Verifies the signature, typ, issuer, audience and lifetime. No database access. */
export async function verifyAccessTokenSignature(token: string, opts: { allowExpired?: boolean } = {}): Promise<SignedClaims> {
  if (token.length > 4096 || token.split(".").length !== 3) throw new InvalidAccessToken("malformed", "The access token is malformed.");
  if (!opts.allowExpired) {
    const known = await cachedClaims(token);
    if (known) return known;
  }
  let payload: JWTPayload;
  let usedKey: { kid: string; key: CryptoKey } | undefined;
  try {
    const result = await jwtVerify(
      token,
      async (header) => {
        const key = await verificationKey(header.kid);
        if (!key) throw new InvalidAccessToken("bad_signature", "The access token was not signed by a current key.");
        usedKey = { kid: header.kid!, key };
        return key;
      },
      {
        algorithms: [SIGNING_ALG],
        typ: "at+jwt",
        issuer: issuer(),
        requiredClaims: ["exp", "iat", "jti", "sub", "client_id"],
        ...(opts.allowExpired ? { currentDate: new Date(0) } : {}),
      },
    );
    payload = result.payload;
  } catch (error) {
    if (error instanceof InvalidAccessToken || isUnavailableError(error)) throw error; // an outage is a 503, not a bad token
    if (error instanceof joseErrors.JWTExpired) throw new InvalidAccessToken("expired", "The access token has expired.");
    throw new InvalidAccessToken("bad_signature", "The access token is invalid.");
  }
  // The platform audience, or the audience of one of its APIs (resource indicators, RFC 8707).
  const platform = apiAudience();
  const audiences =
    typeof payload.aud === "string" ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud.filter((a) => typeof a === "string") : [];
  if (!audiences.length || !audiences.every((a) => a === platform || a.startsWith(`${platform}/`))) {
    throw new InvalidAccessToken("bad_signature", "The access token is not for this platform's APIs.");
  }
  const cnf = payload.cnf as { jkt?: unknown } | undefined;
  const jkt = cnf && typeof cnf === "object" && typeof cnf.jkt === "string" ? cnf.jkt : null;
  const clientId = payload.client_id;
  const grantId = payload[GRANT_CLAIM];
  const scope = payload.scope;
  if (
    typeof clientId !== "string" ||
    (grantId !== undefined && typeof grantId !== "string") ||
    (scope !== undefined && typeof scope !== "string")
  ) {
    throw new InvalidAccessToken("malformed", "The access token's claims are malformed.");
  }
  const claims: SignedClaims = {
    jti: payload.jti!,
    clientId,
    subject: payload.sub!,
    grantId: grantId ?? null,
    scope: (scope ?? "").split(" ").filter(Boolean),
    issuedAt: payload.iat!,
    expiresAt: payload.exp!,
    audiences,
    jkt,
  };
  const ttl = (claims.expiresAt - Math.floor(Date.now() / 1000)) * 1000;
  if (usedKey && ttl > 0 && !opts.allowExpired) verified.set(token, { claims, ...usedKey }, { ttl });
  return claims;
}

/** Forgets every verified token (tests). */
export function forgetVerifiedTokens(): void {
  verified.clear();
}

/** Verifies an access token completely, or throws InvalidAccessToken saying why. */
export async function verifyAccessToken(token: string): Promise<VerifiedAccessToken> {
  const claims = await verifyAccessTokenSignature(token);
  const [revoked, app, grant] = await Promise.all([
    isAccessTokenRevoked(claims.jti),
    // App and company status: cached briefly, forgotten at once by every change (lib/oauth/hot-cache).
    hotCached(`app:${claims.clientId}`, () =>
      db().app.findUnique({
        where: { clientId: claims.clientId },
        select: {
          id: true,
          name: true,
          status: true,
          companyId: true,
          tokensNotBefore: true,
          company: { select: { name: true, status: true } },
        },
      }),
    ),
    claims.grantId
      ? db().tokenGrant.findUnique({
          where: { id: claims.grantId },
          select: { revokedAt: true, appId: true, userId: true, user: { select: { status: true, email: true } } },
        })
      : Promise.resolve(null),
  ]);
  if (revoked) throw new InvalidAccessToken("revoked", "The access token was revoked.");
  if (!app) throw new InvalidAccessToken("inactive", "The app of this access token no longer exists.");
  if (app.status !== "ACTIVE" || app.company.status !== "ACTIVE") {
    throw new InvalidAccessToken("inactive", "The app or its company is suspended.");
  }
  // The app's "not before" cut-off (its owner left: lib/companies/app-ownership): older tokens are refused.
  if (app.tokensNotBefore && claims.issuedAt * 1000 < app.tokensNotBefore.getTime()) {
    throw new InvalidAccessToken("revoked", "The access token was issued before the app's owner changed.");
  }
  let userId: string | null = null;
  let username: string | null = null;
  if (claims.grantId) {
    if (!grant || grant.appId !== app.id) throw new InvalidAccessToken("revoked", "The grant of this access token no longer exists.");
    if (grant.revokedAt) throw new InvalidAccessToken("revoked", "The access token was revoked.");
    if (grant.userId) {
      if (grant.userId !== claims.subject || grant.user?.status !== "ACTIVE") {
        throw new InvalidAccessToken("inactive", "The person who authorized this access token can no longer do so.");
      }
      userId = grant.userId;
      username = grant.user.email;
    }
  } else if (claims.subject !== claims.clientId) {
    throw new InvalidAccessToken("malformed", "The access token's subject is not its client.");
  }
  return {
    ...claims,
    appId: app.id,
    appName: app.name,
    companyId: app.companyId,
    companyName: app.company.name,
    userId,
    username,
    audience: apiAudience(),
    issuer: issuer(),
  };
}
