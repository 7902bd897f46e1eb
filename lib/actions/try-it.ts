"use server";
// Try it on /apis/<slug>/reference: the server gets the token and calls the API (lib/try-it/operation.ts).
import { z } from "zod";
import { catalogScopeFor } from "@/lib/apis/scope";
import { appActorFor } from "@/lib/apps/access";
import { AppError } from "@/lib/errors";
import { viewerAction } from "@/lib/server/actions";
import { tryApiOperation, type TryItResult } from "@/lib/try-it/operation";

export interface TryItState {
  message?: string;
  result?: TryItResult;
}

/** The form's fixed fields; the operation's own parameters come as `param:<name>` fields (read below). */
const tryItInput = z.object({ appId: z.string(), operation: z.string(), body: z.string().optional() });
export async function tryItAction(slug: string, _prev: TryItState, form: FormData): Promise<TryItState> {
  const state = await viewerAction(
    { returnTo: `/apis/${encodeURIComponent(slug)}/reference`, schema: tryItInput, form },
    async ({ viewer, request, input }): Promise<TryItState> => {
      const scope = catalogScopeFor(viewer);
      const actor = appActorFor(viewer);
      if (!scope || !actor) throw new AppError("not_found", "That API was not found.");
      const params: Record<string, string> = {};
      for (const [key, value] of form.entries()) {
        if (key.startsWith("param:") && typeof value === "string") params[key.slice(6)] = value;
      }
      const result = await tryApiOperation(actor, scope, slug, { ...input, params }, request);
      return { result };
    },
  );
  // A failure is shown as one message beside the form.
  return "result" in state ? state : { message: state.message };
}
