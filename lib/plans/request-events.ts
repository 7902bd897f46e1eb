import "server-only";
// The webhook events of requests that concern a company's apps and APIs: subscription.requested,
// subscription.approved, subscription.rejected (kinds subscription, access and plan; a new company's
// request has no company to tell yet). Emitted in the transaction that creates or decides the request.
import type { DbOrTx } from "../db";
import { emitEvent } from "../events/emit";

interface RequestLike {
  id: string;
  kind: string;
  companyId: string | null;
  appId?: string | null;
  apiId?: string | null;
  planId?: string | null;
}

export async function emitRequestEvent(
  tx: DbOrTx,
  type: "subscription.requested" | "subscription.approved" | "subscription.rejected",
  request: RequestLike,
  extra: { reason?: string; now?: Date } = {},
): Promise<void> {
  if (!request.companyId || request.kind === "company") return;
  const any = await tx.webhookEndpoint.findFirst({ where: { companyId: request.companyId, status: "ACTIVE" }, select: { id: true } });
  if (!any) return;
  const app = request.appId
    ? await tx.app.findUnique({ where: { id: request.appId }, select: { id: true, clientId: true, name: true, status: true } })
    : null;
  const api = request.apiId
    ? await tx.api.findUnique({ where: { id: request.apiId }, select: { id: true, slug: true, name: true } })
    : null;
  const plan = request.planId ? await tx.plan.findUnique({ where: { id: request.planId }, select: { id: true, name: true } }) : null;
  await emitEvent(
    tx,
    request.companyId,
    type,
    {
      companyId: request.companyId,
      request: { id: request.id, kind: request.kind },
      app,
      api,
      plan,
      ...(extra.reason !== undefined ? { reason: extra.reason } : {}),
    },
    { now: extra.now },
  );
}
