"use server";
// Try it on /apis/<slug>/reference: the server gets the token and calls the API (lib/apis/try-it.ts).
import { catalogScopeFor } from "@/lib/apis/scope";
import { tryApiOperation, type TryItResult } from "@/lib/apis/try-it";
import { appActorFor } from "@/lib/apps/access";
import { AppError } from "@/lib/errors";
import { formError } from "@/lib/server/actions";
import { requestContext } from "@/lib/server/request-context";
import { requireViewer } from "@/lib/server/session";

export interface TryItState {
  message?: string;
  result?: TryItResult;
}

export async function tryItAction(slug: string, _prev: TryItState, form: FormData): Promise<TryItState> {
  const viewer = await requireViewer(`/apis/${encodeURIComponent(slug)}/reference`);
  try {
    const scope = catalogScopeFor(viewer);
    const actor = appActorFor(viewer);
    if (!scope || !actor) throw new AppError("not_found", "That API was not found.");
    const params: Record<string, string> = {};
    for (const [key, value] of form.entries()) {
      if (key.startsWith("param:") && typeof value === "string") params[key.slice(6)] = value;
    }
    const body = form.get("body");
    const result = await tryApiOperation(
      actor,
      scope,
      slug,
      { appId: String(form.get("appId") ?? ""), operation: String(form.get("operation") ?? ""), params, body: typeof body === "string" ? body : undefined },
      await requestContext(),
    );
    return { result };
  } catch (error) {
    return { message: formError(error).message };
  }
}
