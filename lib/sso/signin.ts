import "server-only";
// Signing in through a company's identity provider. `/signin/sso` → `startSsoSignIn(email)` (./start.ts): the
// company that verified the address's domain, its connection, a single-use SsoLogin (state, PKCE
// verifier, nonce; ten minutes) tied to this browser by a cookie → the provider. The provider returns
// to `/sso/oidc/callback` → `completeOidcSignIn`: the login row (live, same browser, consumed once), the
// code exchanged with PKCE, the ID token checked (openid-client), the address in a domain the company
// verified → `provisionSsoUser` → the caller starts the session. Every refusal is an `SsoFailure`,
// audited (`sso.signin_failed`) and shown on `/sso/error`.
import { createHash, randomBytes } from "node:crypto";
import { writeAudit } from "../audit";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { safeEqual } from "../security/crypto";
import type { RequestContext } from "../server/request-context";
import { emailSchema } from "../validation/common";
import { connectionById, type ConnectionSecrets } from "./connections";
import { emailDomain, verifiedDomainCompany } from "./domains";
import { recordConnectionFailure, recordConnectionSuccess } from "./health";
import { configurationFor, oidc } from "./oidc-client";
import { type Provisioned, provisionSsoUser } from "./provision";

export const SSO_BROWSER_COOKIE = "console_sso_browser";
export const LOGIN_TTL_MS = 10 * 60_000;

export const OIDC_CALLBACK_PATH = "/sso/oidc/callback";
export const oidcRedirectUri = () => `${env().consoleUrl}${OIDC_CALLBACK_PATH}`;

export type SsoFailureReason = "state" | "idp_error" | "assertion" | "domain" | "account" | "unavailable";

/** Why a sign-in through the identity provider was refused (`/sso/error?reason=`). */
export class SsoFailure extends Error {
  constructor(
    readonly reason: SsoFailureReason,
    readonly detail: string,
    readonly companyId: string | null = null,
    readonly connectionId: string | null = null,
  ) {
    super(detail);
  }
}

export const SSO_FAILURE_MESSAGES: Record<SsoFailureReason, string> = {
  state:
    "This sign-in link is not valid any more: it was used already, it expired, or it was started in another browser. Start again from “Sign in with SSO”.",
  idp_error: "Your identity provider did not sign you in. Ask your company's administrator if this keeps happening.",
  assertion: "The answer from your identity provider could not be verified, so you were not signed in.",
  domain: "Your identity provider named an email address outside your company's verified domains.",
  account: "This account cannot sign in to the console. Ask your company's administrator.",
  unavailable: "Your identity provider could not be reached. Try again in a minute.",
};

const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);

export const browserDigest = (value: string) => createHash("sha256").update(`sso-browser:${value}`).digest("base64url");

export interface StartedSignIn {
  redirectTo: string;
  /** Set as an httpOnly cookie by the caller (path /sso). */
  browserCookie: string;
  /** "none" when the provider answers with a cross-site POST (SAML over https); else "lax". */
  sameSite?: "lax" | "none";
}

/**
 * Records a sign-in started through the connection (`id`: what the identity provider's answer names)
 * and returns the value of the cookie that binds it to this browser.
 */
export async function createSsoLogin(
  id: string,
  connectionId: string,
  opts: { returnTo: string; purpose: "SIGN_IN" | "TEST"; testedById?: string },
  now: Date,
  oidcValues: { codeVerifier?: string; nonce?: string } = {},
): Promise<string> {
  const browserCookie = randomBytes(32).toString("base64url");
  await db().ssoLogin.create({
    data: {
      id,
      connectionId,
      browserKey: browserDigest(browserCookie),
      ...oidcValues,
      returnTo: opts.returnTo,
      purpose: opts.purpose,
      testedById: opts.testedById ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + LOGIN_TTL_MS),
    },
  });
  return browserCookie;
}

export async function beginOidc(
  connection: ConnectionSecrets,
  opts: { returnTo: string; loginHint?: string; purpose: "SIGN_IN" | "TEST"; testedById?: string; ctx?: RequestContext | null },
  now = new Date(),
): Promise<StartedSignIn> {
  let config: oidc.Configuration;
  try {
    config = await configurationFor(connection);
  } catch (error) {
    const detail = `discovery failed: ${errorText(error)}`;
    await recordConnectionFailure(connection.id, detail, now);
    await auditSsoFailure(new SsoFailure("unavailable", detail, connection.companyId, connection.id), opts.ctx ?? null);
    throw new AppError("unavailable", SSO_FAILURE_MESSAGES.unavailable);
  }
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const browserCookie = await createSsoLogin(state, connection.id, opts, now, { codeVerifier, nonce });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: oidcRedirectUri(),
    scope: "openid email profile",
    response_type: "code",
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    ...(opts.loginHint ? { login_hint: opts.loginHint } : {}),
  });
  return { redirectTo: url.href, browserCookie };
}

/** Takes the login row once: live, and started by this browser. */
export async function consumeLogin(id: string, browserCookie: string | undefined, now: Date) {
  const login = id ? await db().ssoLogin.findUnique({ where: { id } }) : null;
  if (!login) throw new SsoFailure("state", "unknown state");
  const connection = await connectionById(db(), login.connectionId);
  const where = (why: string) => new SsoFailure("state", why, connection?.companyId ?? null, login.connectionId);
  if (login.consumedAt) throw where("state used again");
  if (login.expiresAt <= now) throw where("state expired");
  if (!browserCookie || !safeEqual(browserDigest(browserCookie), login.browserKey)) throw where("started in another browser");
  const taken = await db().ssoLogin.updateMany({ where: { id, consumedAt: null }, data: { consumedAt: now } });
  if (taken.count !== 1) throw where("state used again");
  if (!connection) throw where("connection removed");
  return { login, connection };
}

export interface CompletedSignIn {
  purpose: "SIGN_IN" | "TEST";
  returnTo: string;
  connection: ConnectionSecrets;
  person: Provisioned | null;
  testedById: string | null;
  subject: string;
  email: string;
}

/** The provider's answer at the redirect URI → the person signed in (or a tested connection). */
export async function completeOidcSignIn(
  search: URLSearchParams,
  browserCookie: string | undefined,
  ctx: RequestContext | null,
  now = new Date(),
): Promise<CompletedSignIn> {
  const { login, connection } = await consumeLogin(search.get("state") ?? "", browserCookie, now);
  const fail = (reason: SsoFailureReason, detail: string) => new SsoFailure(reason, detail, connection.companyId, connection.id);
  if (search.get("error")) throw fail("idp_error", `${search.get("error")}: ${search.get("error_description") ?? ""}`.slice(0, 300));
  let claims: Record<string, unknown>;
  try {
    const config = await configurationFor(connection);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(`${oidcRedirectUri()}?${search.toString()}`), {
      pkceCodeVerifier: login.codeVerifier ?? undefined,
      expectedState: login.id,
      expectedNonce: login.nonce ?? undefined,
      idTokenExpected: true,
    });
    claims = (tokens.claims() ?? {}) as Record<string, unknown>;
  } catch (error) {
    const detail = error instanceof Error ? errorText(error) : "token exchange failed";
    await recordConnectionFailure(connection.id, `token exchange or ID token refused: ${detail}`, now);
    throw fail("assertion", detail);
  }
  const subject = typeof claims.sub === "string" ? claims.sub : "";
  const rawEmail =
    typeof claims.email === "string" ? claims.email : typeof claims.preferred_username === "string" ? claims.preferred_username : "";
  const email = emailSchema.safeParse(rawEmail);
  if (!subject || !email.success) {
    await recordConnectionFailure(connection.id, "the ID token has no subject or email", now);
    throw fail("assertion", "no subject or email in the ID token");
  }
  await recordConnectionSuccess(connection.id, now);
  if (claims.email_verified === false) throw fail("assertion", "email_verified is false");
  const groups = Array.isArray(claims.groups) ? claims.groups.filter((g): g is string => typeof g === "string") : [];
  const name = typeof claims.name === "string" ? claims.name.slice(0, 100) : "";
  return finishSsoSignIn(login, connection, { subject, email: email.data, name, groups }, ctx, now);
}

/**
 * The last steps of either protocol once the provider's answer is checked: the address must be in one of
 * the company's verified domains; a connection test stops there, a sign-in provisions the person.
 */
export async function finishSsoSignIn(
  login: Awaited<ReturnType<typeof consumeLogin>>["login"],
  connection: ConnectionSecrets,
  identity: { subject: string; email: string; name: string; groups: string[] },
  ctx: RequestContext | null,
  now: Date,
): Promise<CompletedSignIn> {
  const { subject, email } = identity;
  const fail = (reason: SsoFailureReason, detail: string) => new SsoFailure(reason, detail, connection.companyId, connection.id);
  if ((await verifiedDomainCompany(email)) !== connection.companyId)
    throw fail("domain", `address outside the company's verified domains (${emailDomain(email)})`);
  const purpose = login.purpose === "TEST" ? "TEST" : "SIGN_IN";
  if (purpose === "TEST") {
    return { purpose, returnTo: login.returnTo, connection, person: null, testedById: login.testedById, subject, email };
  }
  try {
    const person = await provisionSsoUser(connection, identity, ctx, now);
    return { purpose, returnTo: login.returnTo, connection, person, testedById: null, subject, email };
  } catch (error) {
    if (error instanceof AppError) throw fail("account", error.message);
    throw error;
  }
}

/** Audits a refused sign-in (with the company when known). */
export async function auditSsoFailure(failure: SsoFailure, ctx: RequestContext | null): Promise<void> {
  await writeAudit(
    db(),
    null,
    {
      event: "sso.signin_failed",
      targetType: "sso_connection",
      targetId: failure.connectionId,
      companyId: failure.companyId,
      metadata: { reason: failure.reason, detail: failure.detail },
    },
    ctx,
  );
}
