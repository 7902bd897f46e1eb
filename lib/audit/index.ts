import "server-only";
// The audit log: every change to an app, role, secret, company or membership goes through here,
// inside the same transaction as the change. Metadata never holds secrets or digests.
import { AsyncLocalStorage } from "node:async_hooks";
import { db, type DbOrTx, type Tx } from "../db";
import { eventForAudit } from "../events/emit";
import { eventTypeForAudit } from "../events/types";
import { newId } from "../ids";
import { noticeForAudit } from "../mail/notices";
import { singleton } from "../runtime/singleton";
import type { RequestContext } from "../server/request-context";
import type { AuditEntry } from "./entry";

export interface Actor {
  id: string | null;
  email: string | null;
}

export type { AuditEntry } from "./entry";

export const SYSTEM_ACTOR: Actor = { id: null, email: "system" };

const SECRETISH = /secret|password|digest|token|ciphertext|hash/i;

function scrub(meta: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!meta) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta)) out[k] = SECRETISH.test(k) && typeof v === "string" ? "[redacted]" : v;
  return out;
}

/**
 * What a request acts through, added to every audit entry written while it runs (management API:
 * the personal access token's id). Set with `withAuditVia(via, work)`.
 */
export interface AuditVia {
  kind: "personal_access_token" | "registration_access_token" | "initial_access_token" | "scim_token";
  id: string;
}
const viaStore = singleton("audit.via", () => new AsyncLocalStorage<AuditVia>());

export function withAuditVia<T>(via: AuditVia, work: () => Promise<T>): Promise<T> {
  return viaStore.run(via, work);
}

export async function writeAudit(tx: DbOrTx, actor: Actor | null, entry: AuditEntry, ctx?: RequestContext | null): Promise<void> {
  const a = actor ?? SYSTEM_ACTOR;
  const via = viaStore.getStore();
  const metadata = via ? { ...(scrub(entry.metadata) ?? {}), via: { kind: via.kind, id: via.id } } : scrub(entry.metadata);
  await tx.auditLog.create({
    data: {
      id: newId("audit"),
      companyId: entry.companyId ?? null,
      actorId: a.id,
      actorEmail: a.email,
      event: entry.event,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      metadata: (metadata ?? undefined) as never,
      ip: ctx?.ip ?? null,
      userAgent: ctx?.userAgent ?? null,
    },
  });
  // Notices by mail for the events that have one (lib/mail/notices.ts), in the same transaction.
  if (NOTICE_EVENTS.has(entry.event)) await noticeForAudit(tx, entry);
  // Webhook events (lib/events/types.ts), in the same transaction: the outbox the job runner delivers.
  if (eventTypeForAudit(entry.event)) await eventForAudit(tx, entry, a.email);
}

// read-only
const NOTICE_EVENTS = new Set([
  "app.registered",
  "secret.rotated",
  "app.suspended",
  "app.restored",
  "app.reassigned",
  "app.deleted",
  "app.deactivated",
  "app.reactivated",
  "company.suspended",
  "two_factor.enrolled",
  "two_factor.removed",
]);

/** A change and its audit entry in one transaction: the entry is written only with the change. */
export async function auditedChange(
  actor: Actor | null,
  entry: AuditEntry,
  ctx: RequestContext | null | undefined,
  change: (tx: Tx) => Promise<unknown>,
): Promise<void> {
  await db().$transaction(async (tx) => {
    await change(tx);
    await writeAudit(tx, actor, entry, ctx);
  });
}

/** writeAudit outside any transaction (an entry about a call, not about a change). */
export async function writeAuditEntry(actor: Actor | null, entry: AuditEntry, ctx?: RequestContext | null): Promise<void> {
  await writeAudit(db(), actor, entry, ctx);
}
