import "server-only";
// A company's webhook endpoints (Delegated Administrators, permission webhooks.manage): add (the
// signing secret is shown once, and again after a fresh proof), list with the delivery log, enable,
// remove, "Send test event" and "Resend" (both attempted at once, in the request). Every change is
// audited in its transaction.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { z } from "zod";
import { auditedChange, writeAudit } from "../audit";
import type { Person } from "../companies/guards";
import { requireCompanyRole } from "../companies/guards";
import { db } from "../db";
import { AppError } from "../errors";
import { emitEvent } from "../events/emit";
import { EVENT_TYPES, eventLabel, isEventType, TEST_EVENT_TYPE } from "../events/types";
import { newId } from "../ids";
import { enforce } from "../limiter";
import { isRecentProof } from "../security/reauth";
import type { RequestContext } from "../server/request-context";
import { parseInput } from "../validation/common";
import { attemptDelivery } from "./deliver";
import { generateWebhookSecret, openWebhookSecret, sealWebhookSecret } from "./secret";
import { addressRefusal, checkWebhookUrl } from "./url-safety";

export const MAX_ENDPOINTS_PER_COMPANY = 20;
const LOG_DELIVERIES = 20;
export const WEBHOOK_REAUTH_REQUIRED = "Enter your password again to see the signing secret.";
const NOT_FOUND = "That webhook endpoint was not found.";

const endpointInput = z.object({
  url: z.string().trim().min(1, "Enter the endpoint's URL.").max(2000),
  eventTypes: z
    .array(z.string())
    .min(1, "Choose at least one event.")
    .refine((list) => list.every(isEventType), "Unknown event type."),
});

/** The URL rules, plus a look-up: a name that resolves to a refused address is refused now too. */
async function acceptableUrl(value: string): Promise<string> {
  const checked = checkWebhookUrl(value);
  if ("error" in checked) throw new AppError("validation", checked.error, { fieldErrors: { url: [checked.error] } });
  const host = checked.url.hostname.replace(/^\[|\]$/g, "");
  if (!isIP(host)) {
    // A name that does not resolve now may later: accepted, and checked again at every delivery.
    const addresses = await lookup(host, { all: true, verbatim: true }).catch(() => []);
    for (const a of addresses) {
      const refusal = addressRefusal(a.address);
      if (refusal) {
        const message = `Not allowed: ${host} resolves to ${refusal}.`;
        throw new AppError("validation", message, { fieldErrors: { url: [message] } });
      }
    }
  }
  return checked.url.toString();
}

export async function createWebhookEndpoint(actor: Person, companyId: string, input: unknown, ctx: RequestContext | null) {
  const data = parseInput(endpointInput, input);
  await requireCompanyRole(db(), actor, companyId, "webhooks.manage");
  const url = await acceptableUrl(data.url);
  const id = newId("webhookEndpoint");
  const secret = generateWebhookSecret();
  const eventTypes = EVENT_TYPES.map((e) => e.type).filter((t) => data.eventTypes.includes(t));
  await db().$transaction(async (tx) => {
    await requireCompanyRole(tx, actor, companyId, "webhooks.manage");
    if ((await tx.webhookEndpoint.count({ where: { companyId } })) >= MAX_ENDPOINTS_PER_COMPANY)
      throw new AppError("conflict", `A company may have at most ${MAX_ENDPOINTS_PER_COMPANY} endpoints.`);
    await tx.webhookEndpoint.create({
      data: { id, companyId, url, eventTypes, secretCiphertext: sealWebhookSecret(secret, id), createdById: actor.id },
    });
    await writeAudit(
      tx,
      actor,
      { event: "webhook.created", targetType: "webhook_endpoint", targetId: id, companyId, metadata: { url, eventTypes } },
      ctx,
    );
  });
  return { id, url, secret };
}

async function endpointOf(actor: Person, companyId: string, endpointId: unknown) {
  await requireCompanyRole(db(), actor, companyId, "webhooks.manage");
  const id = typeof endpointId === "string" ? endpointId : "";
  const endpoint = await db().webhookEndpoint.findFirst({ where: { id, companyId } });
  if (!endpoint) throw new AppError("not_found", NOT_FOUND);
  return endpoint;
}

/** The audit entry of a change to (or use of) one endpoint. */
function endpointEntry(event: string, endpoint: { id: string; url: string }, companyId: string) {
  return { event, targetType: "webhook_endpoint", targetId: endpoint.id, companyId, metadata: { url: endpoint.url } };
}

/** The signing secret again, for a Delegated Administrator whose password (or second factor) is recent. */
export async function revealWebhookSecret(
  actor: Person,
  companyId: string,
  endpointId: unknown,
  proof: { provenAt: number },
  ctx: RequestContext | null,
  now = new Date(),
): Promise<string> {
  const endpoint = await endpointOf(actor, companyId, endpointId);
  if (!isRecentProof(proof.provenAt, Math.floor(now.getTime() / 1000))) throw new AppError("unauthenticated", WEBHOOK_REAUTH_REQUIRED);
  await enforce("secretReveal", actor.id, "Too many requests to show a secret.");
  await writeAudit(db(), actor, endpointEntry("webhook.secret_revealed", endpoint, companyId), ctx);
  return openWebhookSecret(endpoint.secretCiphertext, endpoint.id);
}

export async function deleteWebhookEndpoint(actor: Person, companyId: string, endpointId: unknown, ctx: RequestContext | null) {
  const endpoint = await endpointOf(actor, companyId, endpointId);
  await auditedChange(actor, endpointEntry("webhook.deleted", endpoint, companyId), ctx, (tx) =>
    tx.webhookEndpoint.delete({ where: { id: endpoint.id } }),
  );
  return { url: endpoint.url };
}

export async function enableWebhookEndpoint(actor: Person, companyId: string, endpointId: unknown, ctx: RequestContext | null) {
  const endpoint = await endpointOf(actor, companyId, endpointId);
  await auditedChange(actor, endpointEntry("webhook.enabled", endpoint, companyId), ctx, (tx) =>
    tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { status: "ACTIVE", failingSince: null, disabledAt: null, disabledReason: null },
    }),
  );
  return { url: endpoint.url };
}

function assertActive(endpoint: { status: string }) {
  if (endpoint.status !== "ACTIVE") throw new AppError("conflict", "This endpoint is disabled: enable it first.");
}

/** "Send test event": a webhook.test event to this endpoint, attempted now. */
export async function sendTestEvent(actor: Person, companyId: string, endpointId: unknown, ctx: RequestContext | null, now = new Date()) {
  const endpoint = await endpointOf(actor, companyId, endpointId);
  assertActive(endpoint);
  await enforce("webhookSend", companyId, "Too many test events and resends.");
  const messageId = await db().$transaction(async (tx) => {
    const id = await emitEvent(
      tx,
      companyId,
      TEST_EVENT_TYPE,
      { companyId, message: "A test event sent from the console.", sentBy: actor.email },
      { now, endpointIds: [endpoint.id] },
    );
    await writeAudit(tx, actor, endpointEntry("webhook.test_sent", endpoint, companyId), ctx);
    return id;
  });
  const delivery = await db().webhookDelivery.findFirstOrThrow({ where: { messageId: messageId ?? "", endpointId: endpoint.id } });
  return attemptDelivery(delivery.id, now, { force: true });
}

/** "Resend": the same message (same webhook-id) to its endpoint again, now. */
export async function resendDelivery(actor: Person, companyId: string, deliveryId: unknown, ctx: RequestContext | null, now = new Date()) {
  await requireCompanyRole(db(), actor, companyId, "webhooks.manage");
  const id = typeof deliveryId === "string" ? deliveryId : "";
  const delivery = await db().webhookDelivery.findFirst({ where: { id, endpoint: { companyId } }, include: { endpoint: true } });
  if (!delivery) throw new AppError("not_found", "That delivery was not found.");
  assertActive(delivery.endpoint);
  await enforce("webhookSend", companyId, "Too many test events and resends.");
  await auditedChange(
    actor,
    {
      event: "webhook.resent",
      targetType: "webhook_endpoint",
      targetId: delivery.endpointId,
      companyId,
      metadata: { deliveryId: id, messageId: delivery.messageId },
    },
    ctx,
    (tx) => tx.webhookDelivery.update({ where: { id }, data: { status: "PENDING", nextAttemptAt: now, leaseUntil: null } }),
  );
  return attemptDelivery(id, now, { force: true });
}

export interface WebhookAttemptView {
  id: string;
  attemptedAt: Date;
  statusCode: number | null;
  ok: boolean;
  latencyMs: number;
  responseBody: string;
  error: string | null;
}

export interface WebhookDeliveryView {
  id: string;
  messageId: string;
  type: string;
  label: string;
  status: string;
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
  log: WebhookAttemptView[];
}

export interface WebhookEndpointView {
  id: string;
  url: string;
  eventTypes: string[];
  status: string;
  disabledReason: string | null;
  createdAt: Date;
  deliveries: WebhookDeliveryView[];
}

/** The company's endpoints, newest first, each with its latest deliveries and their attempts. */
export async function listWebhookEndpoints(actor: Person, companyId: string): Promise<WebhookEndpointView[]> {
  await requireCompanyRole(db(), actor, companyId, "webhooks.manage");
  const endpoints = await db().webhookEndpoint.findMany({
    where: { companyId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: {
      deliveries: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: LOG_DELIVERIES,
        include: { message: { select: { type: true } }, attemptLog: { orderBy: [{ attemptedAt: "desc" }, { id: "desc" }] } },
      },
    },
  });
  return endpoints.map((e) => ({
    id: e.id,
    url: e.url,
    eventTypes: Array.isArray(e.eventTypes) ? (e.eventTypes as string[]) : [],
    status: e.status,
    disabledReason: e.disabledReason,
    createdAt: e.createdAt,
    deliveries: e.deliveries.map((d) => ({
      id: d.id,
      messageId: d.messageId,
      type: d.message.type,
      label: eventLabel(d.message.type),
      status: d.status,
      attempts: d.attempts,
      createdAt: d.createdAt,
      nextAttemptAt: d.nextAttemptAt,
      log: d.attemptLog.map((a) => ({
        id: a.id,
        attemptedAt: a.attemptedAt,
        statusCode: a.statusCode,
        ok: a.ok,
        latencyMs: a.latencyMs,
        responseBody: a.responseBody,
        error: a.error,
      })),
    })),
  }));
}
