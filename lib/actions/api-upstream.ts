"use server";
// The platform administrator sets an API's gateway upstream on /admin/apis/<id> ("Upstream URL",
// timeout, body limit, headers added upstream) and tries it with "Test connection".
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setApiUpstream, testUpstreamConnection } from "@/lib/gateway/upstream-config";
import { checkbox, viewerAction } from "@/lib/server/actions";
import { actorOf, requirePlatformAdmin } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

// The form's fields; lib/gateway checks the URL, limits and headers itself. The headers may hold secrets:
// a failed save does not send them back.
const upstreamInput = z.object({
  upstreamUrl: z.string(),
  timeoutMs: z.string(),
  bodyLimitBytes: z.string(),
  headers: z.string(),
  clearHeaders: checkbox("on"),
});
export async function saveUpstreamAction(apiId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const returnTo = `/admin/apis/${encodeURIComponent(apiId)}`;
  const declared = { schema: upstreamInput, form, keepFields: ["upstreamUrl", "timeoutMs", "bodyLimitBytes"] } as const;
  return viewerAction({ returnTo, ...declared }, async ({ viewer, request, input: { clearHeaders, ...input } }) => {
    requirePlatformAdmin(viewer, "catalog.manage");
    await setApiUpstream(apiId, { ...input, keepHeaders: !clearHeaders }, actorOf(viewer), request);
    revalidatePath(returnTo);
    return {
      ok: true,
      message: input.upstreamUrl ? "Upstream saved: the gateway forwards to it now." : "Upstream removed: the API is documentation only.",
    };
  });
}

export async function testUpstreamAction(apiId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: `/admin/apis/${encodeURIComponent(apiId)}` }, async ({ viewer }) => {
    requirePlatformAdmin(viewer, "catalog.manage");
    const result = await testUpstreamConnection(apiId, actorOf(viewer));
    return result.ok
      ? { ok: true, message: `Connected: status ${result.status} in ${result.latencyMs} ms.` }
      : { ok: false, message: `${result.message} (after ${result.latencyMs} ms)` };
  });
}
