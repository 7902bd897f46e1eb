import "server-only";
// Webhook delivery: the job runner's "webhook-delivery" job (lib/jobs/runner.ts) claims due deliveries
// (a lease, so two runs never send one twice), signs each per Standard Webhooks with the endpoint's
// whsec_ secret (the `standardwebhooks` library), POSTs it under the URL rules of ./url-safety (10 s,
// no redirects followed, the answer read up to 1 KiB) and records the attempt. A failure is retried
// with exponential backoff until 24 h after the event; an endpoint failing for 24 h is disabled and
// its Delegated Administrators are mailed. State lives in the database: a restart loses nothing.
import http from "node:http";
import https from "node:https";
import { Webhook } from "standardwebhooks";
import { SYSTEM_ACTOR, writeAudit } from "../audit";
import { db, type DbOrTx } from "../db";
import { newId } from "../ids";
import { mailNoticeToEach } from "../mail/notices";
import { openWebhookSecret } from "./secret";
import { checkWebhookUrl, safeLookup } from "./url-safety";

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** How much of an answer the delivery log keeps. */
export const RESPONSE_LOG_BYTES = 1024;
/** The largest body the console sends. */
export const PAYLOAD_MAX_BYTES = 256 * 1024;
/** Retries stop this long after the event; an endpoint failing this long is disabled. */
export const RETRY_WINDOW_MS = 24 * 3_600_000;
export const DISABLE_AFTER_MS = 24 * 3_600_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_GAP_MS = 6 * 3_600_000;
const LEASE_MS = 60_000;
const BATCH = 50;
const CONCURRENCY = 8;

/** The wait after the n-th failed attempt: 30 s, 1 min, 2 min, … doubling, at most 6 h. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), MAX_RETRY_GAP_MS);
}

export interface PostResult {
  statusCode: number | null;
  ok: boolean;
  latencyMs: number;
  body: string;
  error: string | null;
}

/** The signed request's headers (Standard Webhooks). */
export function signedHeaders(secret: string, messageId: string, payload: string, at: Date): Record<string, string> {
  const timestamp = new Date(Math.floor(at.getTime() / 1000) * 1000);
  return {
    "content-type": "application/json",
    "user-agent": "API-Console-Webhooks/1",
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(messageId, timestamp, payload),
  };
}

/** One POST under the URL rules: https (loopback http only when allowed), checked addresses, 10 s. */
export function postWebhook(target: string, headers: Record<string, string>, payload: string): Promise<PostResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const checked = checkWebhookUrl(target);
  if ("error" in checked) return Promise.resolve({ statusCode: null, ok: false, latencyMs: 0, body: "", error: checked.error });
  const body = Buffer.from(payload);
  if (body.length > PAYLOAD_MAX_BYTES)
    return Promise.resolve({ statusCode: null, ok: false, latencyMs: 0, body: "", error: "The event is larger than the size cap." });
  const url = checked.url;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<PostResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ ...result, latencyMs: latency() });
    };
    const request = (url.protocol === "https:" ? https : http).request(url, {
      method: "POST",
      headers: { ...headers, "content-length": String(body.length) },
      lookup: safeLookup() as never,
      agent: false,
    });
    const timer = setTimeout(
      () => finish({ statusCode: null, ok: false, body: "", error: `No answer within ${WEBHOOK_TIMEOUT_MS / 1000} s.` }),
      WEBHOOK_TIMEOUT_MS,
    );
    request.on("error", (error) =>
      finish({ statusCode: null, ok: false, body: "", error: error.name === "RefusedAddressError" ? error.message : `${error.message}` }),
    );
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const text = Buffer.concat(chunks).subarray(0, RESPONSE_LOG_BYTES).toString("utf8");
        // A redirect is an answer, never followed: it counts as a failure.
        finish({ statusCode: status, ok: status >= 200 && status < 300, body: text, error: null });
      };
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= RESPONSE_LOG_BYTES) done();
      });
      response.on("end", done);
      response.on("error", done);
    });
    request.end(body);
  });
}

/**
 * Claims one delivery (due now, or any with `force`), sends it, records the attempt and decides what
 * comes next. Returns the attempt, or null when another run holds it or it is not due.
 */
export async function attemptDelivery(deliveryId: string, now = new Date(), options: { force?: boolean } = {}) {
  const claimed = await db().webhookDelivery.updateMany({
    where: {
      id: deliveryId,
      status: "PENDING",
      ...(options.force ? {} : { nextAttemptAt: { lte: now } }),
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    data: { leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  if (claimed.count !== 1) return null;
  const delivery = await db().webhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    include: { message: true, endpoint: true },
  });
  if (delivery.endpoint.status !== "ACTIVE") {
    await db().webhookDelivery.update({ where: { id: deliveryId }, data: { status: "FAILED", leaseUntil: null } });
    return null;
  }
  let secret: string;
  try {
    secret = openWebhookSecret(delivery.endpoint.secretCiphertext, delivery.endpoint.id);
  } catch {
    // A secret that does not open (sealed under another master key, as after restoring a database without
    // its key) cannot sign: this delivery fails with the reason in its log, and the rest of the batch goes on.
    await db().$transaction([
      db().webhookAttempt.create({
        data: {
          id: newId("webhookAttempt"),
          deliveryId,
          attemptedAt: now,
          statusCode: null,
          ok: false,
          latencyMs: 0,
          error: "The endpoint's signing secret cannot be read with this console's master key; add the endpoint again.",
        },
      }),
      db().webhookDelivery.update({
        where: { id: deliveryId },
        data: { attempts: delivery.attempts + 1, lastAttemptAt: now, leaseUntil: null, status: "FAILED", nextAttemptAt: now },
      }),
    ]);
    return null;
  }
  const result = await postWebhook(
    delivery.endpoint.url,
    signedHeaders(secret, delivery.message.id, delivery.message.payload, now),
    delivery.message.payload,
  );
  const attempts = delivery.attempts + 1;
  const giveUp = !result.ok && now.getTime() >= delivery.createdAt.getTime() + RETRY_WINDOW_MS;
  const next = new Date(Math.min(now.getTime() + backoffMs(attempts), delivery.createdAt.getTime() + RETRY_WINDOW_MS));
  await db().$transaction(async (tx) => {
    await tx.webhookAttempt.create({
      data: {
        id: newId("webhookAttempt"),
        deliveryId,
        attemptedAt: now,
        statusCode: result.statusCode,
        ok: result.ok,
        latencyMs: result.latencyMs,
        responseBody: result.body,
        error: result.error?.slice(0, 500) ?? null,
      },
    });
    await tx.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        attempts,
        lastAttemptAt: now,
        leaseUntil: null,
        status: result.ok ? "SUCCEEDED" : giveUp ? "FAILED" : "PENDING",
        nextAttemptAt: result.ok || giveUp ? now : next,
      },
    });
    if (result.ok) {
      if (delivery.endpoint.failingSince)
        await tx.webhookEndpoint.update({ where: { id: delivery.endpoint.id }, data: { failingSince: null } });
      return;
    }
    const since = delivery.endpoint.failingSince ?? now;
    if (!delivery.endpoint.failingSince)
      await tx.webhookEndpoint.update({ where: { id: delivery.endpoint.id }, data: { failingSince: now } });
    if (now.getTime() - since.getTime() >= DISABLE_AFTER_MS) await disableFailingEndpoint(tx, delivery.endpoint, now);
  });
  return { attempts, ...result };
}

async function disableFailingEndpoint(tx: DbOrTx, endpoint: { id: string; companyId: string; url: string }, now: Date): Promise<void> {
  const reason = "Every delivery failed for 24 hours.";
  const updated = await tx.webhookEndpoint.updateMany({
    where: { id: endpoint.id, status: "ACTIVE" },
    data: { status: "DISABLED", disabledAt: now, disabledReason: reason },
  });
  if (updated.count !== 1) return;
  await tx.webhookDelivery.updateMany({ where: { endpointId: endpoint.id, status: "PENDING" }, data: { status: "FAILED" } });
  await writeAudit(tx, SYSTEM_ACTOR, {
    event: "webhook.disabled",
    targetType: "webhook_endpoint",
    targetId: endpoint.id,
    companyId: endpoint.companyId,
    metadata: { url: endpoint.url, reason },
  });
  const das = await tx.roleAssignment.findMany({
    where: { role: "DELEGATED_ADMIN", membership: { companyId: endpoint.companyId, user: { status: "ACTIVE" } } },
    select: {
      membership: { select: { user: { select: { email: true, name: true, emailVerifiedAt: true } }, company: { select: { name: true } } } },
    },
  });
  for (const da of das) {
    const user = da.membership.user;
    if (!user.emailVerifiedAt) continue;
    await mailNoticeToEach(tx, "security_notice", [user], {
      subject: `A webhook endpoint of ${da.membership.company.name} was disabled`,
      lines: [
        `Every delivery to ${endpoint.url} failed for 24 hours, so the console stopped sending to it. Fix the receiver, then enable the endpoint again on the Webhooks page and resend what it missed.`,
      ],
      facts: [
        ["Endpoint", endpoint.url],
        ["Company", da.membership.company.name],
      ],
      linkPath: "/company/webhooks",
    });
  }
}

/** The job: every due delivery (up to a batch), a few at a time. Null when there was nothing to do. */
export async function deliverDueWebhooks(now = new Date()): Promise<{ attempted: number; succeeded: number } | null> {
  const due = await db().webhookDelivery.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  if (!due.length) return null;
  let attempted = 0;
  let succeeded = 0;
  const queue = due.map((d) => d.id);
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        const r = await attemptDelivery(id, now);
        if (!r) continue;
        attempted++;
        if (r.ok) succeeded++;
      }
    }),
  );
  return { attempted, succeeded };
}
