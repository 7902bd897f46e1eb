import "server-only";
// The gateway's side of the catalog: an API's upstream (URL with base path, timeout, body limit and
// headers added upstream, sealed like client secrets), set by the platform administrator
// (catalog.manage, audited), and "Test connection". An API without an upstream stays documentation-only.
import { request } from "undici";
import { invalidateCatalogCache } from "../apis/catalog";
import { writeAudit } from "../audit";
import { type Person, requirePlatformActor } from "../companies/guards";
import { db } from "../db";
import { AppError } from "../errors";
import { decrypt, encrypt } from "../security/crypto";
import type { RequestContext } from "../server/request-context";
import { parseInput } from "../validation/common";
import { parseHeaderLines, upstreamInputSchema } from "../validation/upstream";

/** The additional data bound to an API's sealed upstream headers: a ciphertext moved to another API fails. */
const headersAad = (apiId: string) => `api-upstream-headers:${apiId}`;

export function sealUpstreamHeaders(apiId: string, headers: Record<string, string>): string | null {
  return Object.keys(headers).length ? encrypt(JSON.stringify(headers), "secret-encryption", headersAad(apiId)) : null;
}

export function openUpstreamHeaders(apiId: string, sealed: string | null): Record<string, string> {
  if (!sealed) return {};
  return JSON.parse(decrypt(sealed, "secret-encryption", headersAad(apiId))) as Record<string, string>;
}

export interface UpstreamView {
  upstreamUrl: string;
  timeoutMs: number;
  bodyLimitBytes: number;
  /** Names only: the values stay sealed. */
  headerNames: string[];
}

/** For the platform administrator's edit page (the caller checks the role). */
export async function getUpstreamForAdmin(apiId: string): Promise<UpstreamView | null> {
  const api = await db().api.findUnique({
    where: { id: apiId },
    select: { id: true, upstreamUrl: true, upstreamTimeoutMs: true, upstreamHeaders: true, bodyLimitBytes: true },
  });
  if (!api) return null;
  return {
    upstreamUrl: api.upstreamUrl ?? "",
    timeoutMs: api.upstreamTimeoutMs,
    bodyLimitBytes: api.bodyLimitBytes,
    headerNames: Object.keys(openUpstreamHeaders(api.id, api.upstreamHeaders)).sort(),
  };
}

/** Sets an API's upstream (catalog.manage; audited with the header names, never their values). */
export async function setApiUpstream(apiId: string, input: unknown, actor: Person, ctx: RequestContext) {
  await requirePlatformActor(db(), actor, "catalog.manage");
  const data = parseInput(upstreamInputSchema, input);
  const parsed = parseHeaderLines(data.headers);
  if (parsed.error) throw new AppError("validation", parsed.error, { fieldErrors: { headers: [parsed.error] } });
  const existing = await db().api.findUnique({ where: { id: apiId }, select: { id: true, upstreamHeaders: true } });
  if (!existing) throw new AppError("not_found", "That API was not found.");
  const replaceHeaders = !data.keepHeaders || Object.keys(parsed.headers).length > 0;
  const upstreamHeaders = replaceHeaders ? sealUpstreamHeaders(apiId, parsed.headers) : existing.upstreamHeaders;
  await db().$transaction(async (tx) => {
    await tx.api.update({
      where: { id: apiId },
      data: {
        upstreamUrl: data.upstreamUrl ? data.upstreamUrl.replace(/\/+$/, "") : null,
        upstreamTimeoutMs: data.timeoutMs,
        bodyLimitBytes: data.bodyLimitBytes,
        upstreamHeaders,
      },
    });
    await writeAudit(
      tx,
      actor,
      {
        event: "api.upstream_set",
        targetType: "api",
        targetId: apiId,
        metadata: {
          upstreamUrl: data.upstreamUrl || null,
          timeoutMs: data.timeoutMs,
          bodyLimitBytes: data.bodyLimitBytes,
          headerNames: replaceHeaders ? Object.keys(parsed.headers) : "unchanged",
        },
      },
      ctx,
    );
  });
  invalidateCatalogCache(); // the gateway's route cache forgets it at once (lib/gateway/routes.ts)
}

export type ConnectionTest = { ok: true; status: number; latencyMs: number } | { ok: false; message: string; latencyMs: number };

/** "Test connection": one GET of the upstream's base URL with the API's headers and timeout. */
export async function testUpstreamConnection(apiId: string, actor: Person): Promise<ConnectionTest> {
  await requirePlatformActor(db(), actor, "catalog.manage");
  const api = await db().api.findUnique({
    where: { id: apiId },
    select: { id: true, upstreamUrl: true, upstreamTimeoutMs: true, upstreamHeaders: true },
  });
  if (!api) throw new AppError("not_found", "That API was not found.");
  if (!api.upstreamUrl) throw new AppError("validation", "Set and save an Upstream URL first.");
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const answer = await request(api.upstreamUrl, {
      method: "GET",
      headers: openUpstreamHeaders(api.id, api.upstreamHeaders),
      headersTimeout: api.upstreamTimeoutMs,
      bodyTimeout: api.upstreamTimeoutMs,
      signal: AbortSignal.timeout(api.upstreamTimeoutMs),
    });
    const latencyMs = ms();
    await answer.body.dump();
    return { ok: true, status: answer.statusCode, latencyMs };
  } catch (error) {
    const code = (error as { code?: string; name?: string }).code ?? (error as { name?: string }).name ?? "";
    const timedOut = /timeout|abort/i.test(code);
    return {
      ok: false,
      latencyMs: ms(),
      message: timedOut ? `No answer within ${api.upstreamTimeoutMs} ms.` : `Could not connect (${code || "network error"}).`,
    };
  }
}
