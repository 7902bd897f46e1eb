"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createApi, updateApi } from "@/lib/apis/catalog";
import { checkbox, viewerAction } from "@/lib/server/actions";
import { actorOf, requirePlatformAdmin } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

// The catalog form's fields (apiId is empty for a new API); lib/apis checks every value itself.
const apiInput = z.object({
  apiId: z.string(),
  name: z.string(),
  slug: z.string(),
  version: z.string(),
  summary: z.string(),
  documentation: z.string(),
  endpoint: z.string(),
  status: z.string(),
  openToAll: checkbox("on"),
});
const keptApiFields = ["name", "slug", "version", "summary", "documentation", "endpoint", "status", "openToAll"] as const;

export async function saveApiAction(_prev: FormState, form: FormData): Promise<FormState> {
  const declared = { schema: apiInput, form, keepFields: keptApiFields };
  return viewerAction({ returnTo: "/admin/apis", ...declared }, async ({ viewer, request, input: { apiId, ...input } }) => {
    requirePlatformAdmin(viewer, "catalog.manage");
    const actor = actorOf(viewer);
    const { slug } = apiId ? await updateApi(apiId, input, actor, request) : await createApi(input, actor, request);
    redirect(`/apis/${slug}`);
  });
}
