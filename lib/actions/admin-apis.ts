"use server";
import { redirect } from "next/navigation";
import { createApi, updateApi } from "@/lib/apis/catalog";
import { formText, viewerAction } from "@/lib/server/actions";
import { actorOf, requirePlatformAdmin } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

function fields(form: FormData) {
  const s = (k: string) => formText(form, k);
  return {
    name: s("name"),
    slug: s("slug"),
    version: s("version"),
    summary: s("summary"),
    documentation: s("documentation"),
    endpoint: s("endpoint"),
    status: s("status"),
    openToAll: form.get("openToAll") === "on",
  };
}

export async function saveApiAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = fields(form);
  const apiId = formText(form, "apiId");
  const { openToAll, ...values } = input;
  return viewerAction({ returnTo: "/admin/apis", values: { ...values, openToAll: openToAll ? "on" : "" } }, async ({ viewer, request }) => {
    requirePlatformAdmin(viewer, "catalog.manage");
    const actor = actorOf(viewer);
    const { slug } = apiId ? await updateApi(apiId, input, actor, request) : await createApi(input, actor, request);
    redirect(`/apis/${slug}`);
  });
}
