import "server-only";
// emitEvent: the one way a change tells the company's webhook endpoints about itself. It runs inside the
// change's transaction and writes the outbox: one WebhookMessage (the signed body's content) and one
// WebhookDelivery per active endpoint that subscribed to the type. Nothing is sent here: the job runner
// (lib/webhooks/deliver.ts) delivers, so a rolled-back change sends nothing and a restart loses nothing.
import type { AuditEntry } from "../audit/entry";
import type { DbOrTx } from "../db";
import { newId } from "../ids";
import { type EventType, eventTypeForAudit, TEST_EVENT_TYPE } from "./types";

export type EventData = Record<string, unknown>;

/** The body every endpoint receives (Standard Webhooks: type, timestamp, data). */
export function eventPayload(type: string, data: EventData, now: Date): string {
  return JSON.stringify({ type, timestamp: now.toISOString(), data });
}

function subscribes(eventTypes: unknown, type: string): boolean {
  return type === TEST_EVENT_TYPE || (Array.isArray(eventTypes) && eventTypes.includes(type));
}

/**
 * Records an event for the company's endpoints in the caller's transaction. Returns the message id,
 * or null when no active endpoint wants the type (then nothing is written). `endpointIds` narrows the
 * recipients (the test event goes to one endpoint).
 */
export async function emitEvent(
  tx: DbOrTx,
  companyId: string,
  type: EventType | typeof TEST_EVENT_TYPE,
  data: EventData,
  options: { now?: Date; endpointIds?: string[] } = {},
): Promise<string | null> {
  const now = options.now ?? new Date();
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { companyId, status: "ACTIVE", ...(options.endpointIds ? { id: { in: options.endpointIds } } : {}) },
    select: { id: true, eventTypes: true },
  });
  const targets = endpoints.filter((e) => subscribes(e.eventTypes, type));
  if (!targets.length) return null;
  const id = newId("webhookMessage");
  await tx.webhookMessage.create({ data: { id, companyId, type, payload: eventPayload(type, data, now), createdAt: now } });
  await tx.webhookDelivery.createMany({
    data: targets.map((e) => ({ id: newId("webhookDelivery"), messageId: id, endpointId: e.id, nextAttemptAt: now, createdAt: now })),
  });
  return id;
}

/** Called by lib/audit writeAudit for audit events that raise a webhook event (lib/events/types.ts). */
export async function eventForAudit(tx: DbOrTx, entry: AuditEntry, actorEmail: string | null): Promise<void> {
  const type = eventTypeForAudit(entry.event);
  if (!type || !entry.companyId) return;
  // Cheap way out for the companies (most) without endpoints: no reads of the app or member.
  const any = await tx.webhookEndpoint.findFirst({ where: { companyId: entry.companyId, status: "ACTIVE" }, select: { id: true } });
  if (!any) return;
  const meta = entry.metadata ?? {};
  const data: EventData = { companyId: entry.companyId };
  if (entry.targetType === "app" && entry.targetId) {
    const app = await tx.app.findUnique({
      where: { id: entry.targetId },
      select: { id: true, clientId: true, name: true, status: true, createdBy: { select: { email: true } } },
    });
    data.app = app
      ? { id: app.id, clientId: app.clientId, name: app.name, status: app.status, owner: app.createdBy?.email ?? null }
      : { id: entry.targetId, clientId: meta.clientId ?? null, name: meta.name ?? null, status: "DELETED" };
    if (typeof meta.reason === "string") data.reason = meta.reason;
    if (type === "app.reassigned") data.previousOwner = meta.fromEmail ?? null;
    if (type === "app.secret_rotated") data.previousSecretWorksUntil = meta.previousEndsAt ?? null;
  } else if (entry.targetType === "membership") {
    data.member = { membershipId: entry.targetId ?? null, email: meta.email ?? null, roles: meta.roles ?? [] };
  }
  data.actor = actorEmail;
  await emitEvent(tx, entry.companyId, type, data);
}
