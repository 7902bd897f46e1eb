import "server-only";
// Signing in through a company's SAML 2.0 identity provider. `beginSaml`: a single-use SsoLogin row
// (the same state handling as OpenID Connect: ten minutes, tied to this browser by the
// `console_sso_browser` cookie) whose id is both the AuthnRequest ID and the RelayState → the identity
// provider (HTTP-Redirect, or an auto-submitting form for HTTP-POST). `completeSamlSignIn` at the ACS:
// the login row (RelayState, same browser, consumed once), then @node-saml/node-saml checks the
// signature of the assertion (required; a response signature alone is not enough), the audience (= SP
// entity ID), NotBefore/NotOnOrAfter (±1 min) and InResponseTo (= the login row); this file adds the
// issuer (= the IdP's entityID), Recipient and Destination (= the ACS URL) and replay (the assertion ID
// is kept in SamlAssertion until it expires, so no instance accepts it twice). Then the same
// just-in-time path as OpenID Connect (`provisionSsoUser`).
import { randomBytes } from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";
import * as xpath from "xpath";
import { db, isUniqueViolation } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import type { RequestContext } from "../server/request-context";
import { emailSchema } from "../validation/common";
import { recordConnectionFailure, recordConnectionSuccess } from "./health";
import { acsUrl, NAMEID_EMAIL, SAML_CLOCK_SKEW_MS, type SamlConnection, samlConnectionById, serviceProvider } from "./saml";
import {
  browserDigest,
  type CompletedSignIn,
  consumeLogin,
  createSsoLogin,
  finishSsoSignIn,
  LOGIN_TTL_MS,
  SSO_FAILURE_MESSAGES,
  SsoFailure,
  type SsoFailureReason,
  type StartedSignIn,
} from "./signin";

export const samlRequestPath = (connectionId: string, requestId: string) =>
  `/sso/saml/${encodeURIComponent(connectionId)}/request?id=${encodeURIComponent(requestId)}`;

/** Starts a SAML sign-in (or a DA's "Test connection") through the connection. */
export async function beginSaml(
  connectionId: string,
  opts: { returnTo: string; purpose: "SIGN_IN" | "TEST"; testedById?: string },
  now = new Date(),
): Promise<StartedSignIn> {
  const connection = await samlConnectionById(db(), connectionId);
  if (!connection?.metadata) throw new AppError("unavailable", SSO_FAILURE_MESSAGES.unavailable);
  // An NCName: SAML IDs must not start with a digit.
  const requestId = `_${randomBytes(20).toString("hex")}`;
  const browserCookie = await createSsoLogin(requestId, connection.id, opts, now);
  const redirectTo =
    connection.metadata.binding === "HTTP-POST"
      ? `${env().consoleUrl}${samlRequestPath(connection.id, requestId)}`
      : await serviceProvider(connection, requestId, null).getAuthorizeUrlAsync(requestId, undefined, {});
  // The identity provider answers with a cross-site POST: a Lax cookie would not come with it.
  return { redirectTo, browserCookie, sameSite: env().secureCookies ? "none" : "lax" };
}

/** The auto-submitting AuthnRequest form of an HTTP-POST identity provider (a live login of this browser). */
export async function samlRequestForm(
  connectionId: string,
  requestId: string,
  browserCookie: string | undefined,
  now = new Date(),
): Promise<{ action: string; fields: Record<string, string> } | null> {
  const login = requestId ? await db().ssoLogin.findUnique({ where: { id: requestId } }) : null;
  if (!login || login.connectionId !== connectionId || login.consumedAt || login.expiresAt <= now) return null;
  if (!browserCookie || browserDigest(browserCookie) !== login.browserKey) return null;
  const connection = await samlConnectionById(db(), connectionId);
  if (!connection?.metadata) return null;
  const message = await serviceProvider(connection, requestId, null).getAuthorizeMessageAsync(requestId, undefined, {});
  const fields = Object.fromEntries(Object.entries(message).map(([k, v]) => [k, String(v)]));
  return { action: connection.metadata.ssoUrl, fields };
}

function parse(xml: string): Document {
  return new DOMParser({ errorHandler: { warning: () => {}, error: () => {}, fatalError: () => {} } }).parseFromString(xml, "text/xml");
}
const strings = (doc: Document, path: string) => (xpath.select(path, doc as unknown as Node) as Attr[]).map((a) => a.value);

/** The identity provider's POST at the ACS → the person signed in (or a tested connection). */
export async function completeSamlSignIn(
  connectionId: string,
  body: { SAMLResponse: string; RelayState: string },
  browserCookie: string | undefined,
  ctx: RequestContext | null,
  now = new Date(),
): Promise<CompletedSignIn> {
  const { login } = await consumeLogin(body.RelayState, browserCookie, now);
  const connection: SamlConnection | null = await samlConnectionById(db(), login.connectionId);
  const fail = (reason: SsoFailureReason, detail: string) =>
    new SsoFailure(reason, detail, connection?.companyId ?? null, connection?.id ?? login.connectionId);
  if (!connection?.metadata || login.connectionId !== connectionId) throw fail("state", "the answer came to another connection's ACS");
  if (!body.SAMLResponse) throw fail("assertion", "no SAMLResponse");

  let profile: Awaited<ReturnType<ReturnType<typeof serviceProvider>["validatePostResponseAsync"]>>["profile"];
  try {
    ({ profile } = await serviceProvider(connection, login.id, login).validatePostResponseAsync({
      SAMLResponse: body.SAMLResponse,
      RelayState: body.RelayState,
    }));
  } catch (error) {
    const detail = error instanceof Error ? error.message : "invalid response";
    // An answer that does not verify (e.g. the provider rolled its certificate) is the connection failing,
    // as an ID token that does not verify is for OpenID Connect: counted, and mailed once per streak.
    await recordConnectionFailure(connection.id, `SAML response refused: ${detail.slice(0, 200)}`, now);
    throw fail(/SAML provider returned/.test(detail) ? "idp_error" : "assertion", detail.slice(0, 300));
  }
  if (!profile) throw fail("assertion", "no assertion");
  await recordConnectionSuccess(connection.id, now);
  const acs = acsUrl(connection.id);
  // Only the signed assertion counts (node-saml hands back the verified XML).
  const assertion = parse(profile.getAssertionXml?.() ?? "<none/>");
  if (profile.issuer !== connection.metadata.entityId)
    throw fail("assertion", `issuer ${String(profile.issuer).slice(0, 200)} is not the IdP`);
  const recipients = strings(assertion, "//*[local-name()='SubjectConfirmationData']/@Recipient");
  if (!recipients.length || recipients.some((r) => r !== acs)) throw fail("assertion", "Recipient is not this ACS URL");
  const response = parse(Buffer.from(body.SAMLResponse, "base64").toString("utf8"));
  const destinations = strings(response, "/*[local-name()='Response']/@Destination");
  if (destinations.some((d) => d !== acs)) throw fail("assertion", "Destination is not this ACS URL");

  // Replay: the assertion ID, kept until the assertion expires (+ the clock skew).
  const assertionId = strings(assertion, "/*[local-name()='Assertion']/@ID")[0] ?? "";
  if (!assertionId) throw fail("assertion", "the assertion has no ID");
  const ends = strings(
    assertion,
    "//*[local-name()='Conditions']/@NotOnOrAfter | //*[local-name()='SubjectConfirmationData']/@NotOnOrAfter",
  )
    .map((v) => Date.parse(v))
    .filter((t) => Number.isFinite(t));
  const expiresAt = new Date(Math.max(now.getTime() + LOGIN_TTL_MS, ...ends) + SAML_CLOCK_SKEW_MS);
  try {
    await db().samlAssertion.create({ data: { connectionId: connection.id, id: assertionId.slice(0, 200), expiresAt, createdAt: now } });
  } catch (error) {
    if (isUniqueViolation(error)) throw fail("assertion", "assertion replayed");
    throw error;
  }

  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const attribute = (...names: string[]) => {
    for (const n of names) {
      const v = first(attributes[n]);
      if (typeof v === "string" && v.trim()) return v.trim();
    }
    return "";
  };
  const subject = profile.nameID ?? "";
  const rawEmail =
    profile.nameIDFormat === NAMEID_EMAIL
      ? subject
      : attribute(
          "email",
          "mail",
          "urn:oid:0.9.2342.19200300.100.1.3",
          "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        ) || (typeof profile.email === "string" ? profile.email : "");
  const email = emailSchema.safeParse(rawEmail);
  if (!subject || !email.success) throw fail("assertion", "no NameID or email in the assertion");
  const rawGroups = connection.groupsAttribute ? attributes[connection.groupsAttribute] : undefined;
  const groups = (Array.isArray(rawGroups) ? rawGroups : rawGroups === undefined ? [] : [rawGroups]).filter(
    (g): g is string => typeof g === "string",
  );
  const name = attribute("displayName", "http://schemas.microsoft.com/identity/claims/displayname", "name").slice(0, 100);
  return finishSsoSignIn(login, connection, { subject, email: email.data, name, groups }, ctx, now);
}
