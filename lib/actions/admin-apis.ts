"use server";
import { redirect } from "next/navigation";
import { createApi, updateApi } from "@/lib/apis/catalog";
import { formError } from "@/lib/server/actions";
import { requestContext } from "@/lib/server/request-context";
import { requirePlatformAdmin, requireViewer } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

function fields(form: FormData) {
  const s = (k: string) => String(form.get(k) ?? "");
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
  const viewer = await requireViewer("/admin/apis");
  const input = fields(form);
  const apiId = String(form.get("apiId") ?? "");
  let slug: string;
  try {
    requirePlatformAdmin(viewer, "catalog.manage");
    const actor = { id: viewer.user.id, email: viewer.user.email };
    const ctx = await requestContext();
    slug = (apiId ? await updateApi(apiId, input, actor, ctx) : await createApi(input, actor, ctx)).slug;
  } catch (error) {
    const { openToAll, ...values } = input;
    return formError(error, { ...values, openToAll: openToAll ? "on" : "" });
  }
  redirect(`/apis/${slug}`);
}
