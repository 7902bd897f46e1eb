// The events a company's webhook endpoints can receive: ONE table. A new event is one line here (its
// type, the label of its checkbox on /company/webhooks, and the audit events that raise it, if any);
// events without an audit entry (secret expiring, quota warning, subscriptions, leaked secret) are
// raised with emitEvent(tx, companyId, type, data) by the module that knows of them. Pure: the page
// and the tests read it too.

export interface EventTypeDefinition {
  type: string;
  label: string;
  /** Audit events (lib/audit writeAudit) that raise this event in the same transaction. */
  fromAudit: readonly string[];
}

export const EVENT_TYPES = [
  { type: "app.registered", label: "App registered", fromAudit: ["app.registered"] },
  { type: "app.secret_rotated", label: "Secret rotated", fromAudit: ["secret.rotated"] },
  { type: "app.secret_expiring", label: "Secret expiring", fromAudit: [] },
  { type: "app.suspended", label: "App suspended", fromAudit: ["app.suspended", "app.deactivated"] },
  { type: "app.restored", label: "App restored", fromAudit: ["app.restored", "app.reactivated"] },
  { type: "app.reassigned", label: "App reassigned", fromAudit: ["app.reassigned"] },
  { type: "app.deleted", label: "App deleted", fromAudit: ["app.deleted"] },
  { type: "member.added", label: "Member added", fromAudit: ["membership.added"] },
  { type: "member.removed", label: "Member removed", fromAudit: ["membership.removed"] },
  { type: "subscription.requested", label: "Subscription requested", fromAudit: [] },
  { type: "subscription.approved", label: "Subscription approved", fromAudit: [] },
  { type: "subscription.rejected", label: "Subscription rejected", fromAudit: [] },
  { type: "quota.warning", label: "Quota warning", fromAudit: [] },
  { type: "app.secret_leaked", label: "Secret leaked", fromAudit: [] },
] as const satisfies readonly EventTypeDefinition[];

export type EventType = (typeof EVENT_TYPES)[number]["type"];

/** Sent by "Send test event" only: no endpoint subscribes to it, every endpoint may receive it. */
export const TEST_EVENT_TYPE = "webhook.test";

const byAudit = new Map<string, EventType>(EVENT_TYPES.flatMap((e) => e.fromAudit.map((a) => [a, e.type] as [string, EventType]))); // read-only

/** The event an audit entry raises, if any. */
export function eventTypeForAudit(auditEvent: string): EventType | undefined {
  return byAudit.get(auditEvent);
}

export function isEventType(value: string): value is EventType {
  return EVENT_TYPES.some((e) => e.type === value);
}

export function eventLabel(type: string): string {
  return EVENT_TYPES.find((e) => e.type === type)?.label ?? (type === TEST_EVENT_TYPE ? "Test event" : type);
}
