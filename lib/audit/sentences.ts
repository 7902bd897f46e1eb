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
    default:
      return `${who}: ${row.event.replace(/[._]/g, " ")} (${target})`;
  }
}
