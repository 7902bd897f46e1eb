// Audit entries as sentences people read ("Dana rotated the secret of Booking Widget"). Pure: the
// names come from lib/audit/query.ts (actor's name, the target's name looked up by id); internal ids
// never appear in the sentence, only in the details a page shows on request.
import { isRole, ROLE_LABELS } from "../permissions";

export interface AuditNames {
  /** The actor's display name (or email); null for the system. */
  actor: string | null;
  /** The target's name when it still exists (app, company, API, member's email). */
  target: string | null;
}

const meta = (m: unknown): Record<string, unknown> =>
  m && typeof m === "object" && !Array.isArray(m) ? (m as Record<string, unknown>) : {};
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const roleName = (v: unknown): string => (typeof v === "string" && isRole(v) ? ROLE_LABELS[v] : String(v ?? "a role"));
const roleNames = (v: unknown): string => (Array.isArray(v) && v.length ? v.map(roleName).join(" and ") : "no role");
const list = (v: unknown): string | null =>
  Array.isArray(v) && v.length ? v.filter((x): x is string => typeof x === "string").join(", ") || null : null;
const protocol = (v: unknown): string => (v === "SAML" ? "SAML" : v === "OIDC" ? "OpenID Connect" : "single sign-on");
const FACTORS: Record<string, string> = { totp: "an authenticator app", passkey: "a passkey", recovery: "a recovery code" };
const factor = (v: unknown): string => (typeof v === "string" && FACTORS[v]) || "a second factor";

/** One sentence for one audit entry. */
export function auditSentence(row: { event: string; targetType: string; metadata: unknown }, names: AuditNames): string {
  const m = meta(row.metadata);
  const who = names.actor ?? "The system";
  const target = names.target ?? str(m.name) ?? str(m.email) ?? str(m.api) ?? (row.targetType === "app" ? "an app" : `a ${row.targetType}`);
  switch (row.event) {
    case "app.registered":
      return `${who} registered ${target}`;
    case "app.updated":
      return `${who} edited ${target}`;
    case "app.deleted":
      return `${who} deleted ${target}`;
    case "app.deactivated":
      return `${who} deactivated ${target}`;
    case "app.reactivated":
      return `${who} reactivated ${target}`;
    case "app.suspended":
      return `${who} suspended ${target}${str(m.reason) ? ` (${str(m.reason)})` : ""}`;
    case "app.restored":
      return `${who} restored ${target}`;
    case "app.reassigned":
      return `${who} gave ${target} to ${str(m.toEmail) ?? "another developer"}`;
    case "app.hello_tried":
      return `${who} tried the Hello API with ${target}`;
    case "app.client_auth_changed":
      return m.to === "private_key_jwt"
        ? `${who} set ${target} to authenticate with a private key JWT`
        : `${who} set ${target} to authenticate with a Client Secret`;
    case "secret.rotated":
      return `${who} rotated the secret of ${target}`;
    case "secret.revealed":
      return `${who} revealed the secret of ${target}`;
    case "consent.granted":
      return `${who} authorized ${target}`;
    case "consent.revoked":
      return `${who} revoked the authorization of ${target}`;
    case "company.created":
      return `${who} created the company ${target}`;
    case "company.suspended":
      return `${who} suspended the company ${target}`;
    case "company.restored":
      return `${who} restored the company ${target}`;
    case "company.api_access.changed":
      return `${who} changed access to ${str(m.api) ?? "an API"} to “${str(m.access) ?? "default"}”`;
    case "membership.added":
      return `${who} added ${str(m.email) ?? target} to the company`;
    case "membership.removed":
      return `${who} removed ${str(m.email) ?? target} from the company`;
    case "membership.left":
      return `${who} left the company`;
    case "role.granted":
      return `${who} made ${str(m.email) ?? target} ${roleName(m.role)}`;
    case "role.revoked":
      return `${who} took ${roleName(m.role)} away from ${str(m.email) ?? target}`;
    case "invitation.created":
      return `${who} invited ${str(m.email) ?? target} as ${roleNames(m.roles)}`;
    case "invitation.updated":
      return `${who} updated the invitation of ${str(m.email) ?? target} (${roleNames(m.roles)})`;
    case "invitation.withdrawn":
      return `${who} withdrew the invitation of ${str(m.email) ?? target}`;
    case "invitation.accepted":
      return `${str(m.email) ?? who} accepted the invitation`;
    case "api.created":
      return `${who} added the API ${str(m.name) ?? str(m.slug) ?? target}`;
    case "api.updated":
      return `${who} edited the API ${target}`;
    case "user.signed_up":
      return `${str(m.email) ?? who} signed up`;
    case "user.platform_admin_created":
    case "user.platform_admin_ensured":
      return `The platform administrator account ${str(m.email) ?? target} was set up`;
    case "user.email_change_requested":
      return `${who} asked to change their email address to ${str(m.to) ?? "a new one"}`;
    case "user.email_changed":
      return `${who} changed their email address${str(m.to) ? ` to ${str(m.to)}` : ""}`;
    case "user.email_verified":
      return `${str(m.email) ?? who} verified their email address`;
    case "user.name_changed":
      return `${who} changed their name`;
    case "user.password_changed":
      return `${who} changed their password`;
    case "user.password_reset_requested":
      return `${who} asked for a password reset link`;
    case "user.password_reset":
      return `${who} reset their password`;
    case "user.sign_in_locked":
      return `Sign-in to ${target === "a user" ? "an account" : target} was locked after repeated wrong passwords${str(m.address) ? ` from ${str(m.address)}` : ""}`;
    case "user.notices_enabled":
      return `${who} turned notices by mail on`;
    case "user.notices_disabled":
      return `${who} turned notices by mail off`;
    case "user.time_zone_changed":
      return m.timeZone === "browser"
        ? `${who} chose to see times in their browser's zone`
        : `${who} chose to see times in ${str(m.timeZone) ?? "another zone"}`;
    case "user.guide_dismissed":
      return `${who} dismissed a getting-started guide`;
    case "two_factor.enrolled":
      return `${who} set up ${factor(m.factor)} for two-step sign-in`;
    case "two_factor.removed":
      return `${who} removed ${factor(m.factor)} from two-step sign-in`;
    case "two_factor.recovery_codes_regenerated":
      return `${who} made new recovery codes`;
    case "two_factor.recovery_code_used":
      return `${who} signed in with a recovery code${typeof m.left === "number" ? ` (${m.left} left)` : ""}`;
    case "two_factor.challenge_failed":
      return `${who} entered a wrong second-factor code`;
    case "two_factor.reset":
      return `${who} reset the second factor of ${str(m.email) ?? target}${str(m.reason) ? ` (${str(m.reason)})` : ""}`;
    case "two_factor.browser_trusted":
      return `${who} trusted a browser for two-step sign-in`;
    case "two_factor.browser_trust_revoked":
      return `${who} stopped trusting a browser for two-step sign-in`;
    case "company.two_factor_policy_changed":
      return m.requireTwoFactor
        ? `${who} required two-step sign-in for the company`
        : `${who} made two-step sign-in optional for the company`;
    case "platform.two_factor_policy_changed":
      return m.requireTwoFactor
        ? `${who} required two-step sign-in for platform administrators`
        : `${who} made two-step sign-in optional for platform administrators`;
    case "company.secret_lifetime_changed":
      return typeof m.lifetimeDays === "number"
        ? `${who} set Client Secrets to expire after ${m.lifetimeDays} days`
        : `${who} let Client Secrets live until they are rotated`;
    case "secret.revoked_leaked":
      return `The secret ending in ${str(m.lastFour) ?? "…"} of ${target} was revoked: it was reported leaked${str(m.url) ? ` at ${str(m.url)}` : ""}`;
    case "app.settings_updated":
      return `${who} changed the settings of ${target}`;
    case "app.api_tried":
      return `${who} tried ${str(m.api) ?? "an API"} with ${target}`;
    case "app.dynamically_registered":
      return `${target} was registered through dynamic client registration`;
    case "api.upstream_set":
      return str(m.upstreamUrl)
        ? `${who} put ${target} behind the gateway (${str(m.upstreamUrl)})`
        : `${who} took ${target} out of the gateway`;
    case "api.openapi_updated":
      return `${who} updated the OpenAPI document of ${target}`;
    case "api.openapi_removed":
      return `${who} removed the OpenAPI document of ${target}`;
    case "plan.created":
      return `${who} added the plan ${str(m.plan) ?? "a plan"} to ${target}`;
    case "plan.updated":
      return `${who} edited the plan ${str(m.plan) ?? "a plan"} of ${target}`;
    case "plan.deleted":
      return `${who} removed the plan ${str(m.plan) ?? "a plan"} of ${target}`;
    case "request.created":
      return m.kind === "plan"
        ? `${who} asked for the plan ${str(m.plan) ?? "another plan"}`
        : m.kind === "company"
          ? `${who} asked for a company account for ${str(m.name) ?? "a company"}`
          : `${who} asked for access to ${str(m.api) ?? "an API"}`;
    case "request.approved":
      return `${who} approved a request${str(m.reason) ? ` (${str(m.reason)})` : ""}`;
    case "request.rejected":
      return `${who} rejected a request${str(m.reason) ? ` (${str(m.reason)})` : ""}`;
    case "settings.updated":
      return `${who} changed the console's settings`;
    case "personal_token.created":
      return `${who} created the access token ${str(m.name) ?? "a token"}`;
    case "personal_token.revoked":
      return `${who} revoked an access token${str(m.name) ? ` (${str(m.name)})` : ""}`;
    case "initial_access_token.created":
      return `${who} created the registration token ${str(m.name) ?? "a token"}`;
    case "initial_access_token.revoked":
      return `${who} revoked a registration token${str(m.name) ? ` (${str(m.name)})` : ""}`;
    case "invitation.resent":
      return `${who} sent the invitation of ${str(m.email) ?? target} again`;
    case "invitation.expired":
      return `The invitation of ${str(m.email) ?? target} expired`;
    case "webhook.created":
      return `${who} added the webhook endpoint ${str(m.url) ?? target}`;
    case "webhook.deleted":
      return `${who} removed the webhook endpoint ${str(m.url) ?? target}`;
    case "webhook.enabled":
      return `${who} turned the webhook endpoint ${str(m.url) ?? target} back on`;
    case "webhook.disabled":
      return `The webhook endpoint ${str(m.url) ?? target} was turned off${str(m.reason) ? ` (${str(m.reason)})` : ""}`;
    case "webhook.secret_revealed":
      return `${who} revealed the signing secret of ${str(m.url) ?? target}`;
    case "webhook.resent":
      return `${who} sent a webhook delivery again`;
    case "sso.connection.added":
      return `${who} connected ${protocol(m.protocol)} single sign-on`;
    case "sso.connection.updated":
      return `${who} changed the ${protocol(m.protocol)} connection`;
    case "sso.connection.removed":
      return `${who} removed the ${protocol(m.protocol)} connection`;
    case "sso.connection.failing":
      return `The ${protocol(m.protocol)} connection is failing${typeof m.failures === "number" ? ` (${m.failures} failed in a row)` : ""}`;
    case "sso.domain.added":
      return `${who} added the domain ${str(m.domain) ?? target}`;
    case "sso.domain.removed":
      return `${who} removed the domain ${str(m.domain) ?? target}`;
    case "sso.domain.verified":
      return `${who} verified the domain ${str(m.domain) ?? target}`;
    case "sso.domain.verification_failed":
      return `Verifying the domain ${str(m.domain) ?? target} failed: its DNS record was not found`;
    case "sso.domain.require_sso_changed":
      return m.requireSso
        ? `${who} required single sign-on for ${str(m.domain) ?? target}`
        : `${who} stopped requiring single sign-on for ${str(m.domain) ?? target}`;
    case "sso.signed_in":
      return `${str(m.email) ?? who} signed in with ${protocol(m.protocol)}${m.first ? " for the first time" : ""}`;
    case "sso.signin_failed":
      return `A sign-in with single sign-on failed${(str(m.detail) ?? str(m.reason)) ? `: ${str(m.detail) ?? str(m.reason)}` : ""}`;
    case "scim.token_created":
      return `${who} created a SCIM token`;
    case "scim.token_revoked":
      return `${who} revoked a SCIM token`;
    case "scim.user_created":
      return `${who} provisioned ${str(m.email) ?? target} through SCIM`;
    case "scim.user_updated":
      return `${who} updated ${str(m.email) ?? target} through SCIM`;
    case "scim.user_activated":
      return `${who} activated ${str(m.email) ?? target} through SCIM`;
    case "scim.user_deactivated":
      return `${who} deactivated ${str(m.email) ?? target} through SCIM`;
    case "scim.user_deleted":
      return `${who} deleted ${str(m.email) ?? target} through SCIM`;
    case "scim.group_created":
      return `${who} created the group ${str(m.displayName) ?? target} through SCIM${list(m.membersAdded) ? ` with ${list(m.membersAdded)}` : ""}`;
    case "scim.group_updated":
      return [
        `${who} updated the group ${str(m.displayName) ?? target} through SCIM`,
        str(m.previousDisplayName) ? `renamed from ${str(m.previousDisplayName)}` : null,
        list(m.membersAdded) ? `added ${list(m.membersAdded)}` : null,
        list(m.membersRemoved) ? `removed ${list(m.membersRemoved)}` : null,
      ]
        .filter(Boolean)
        .join("; ");
    case "scim.group_deleted":
      return `${who} deleted the group ${str(m.displayName) ?? target} through SCIM`;
    default:
      return `${who}: ${row.event.replace(/[._]/g, " ")} (${target})`;
  }
}
