"use server";
// The platform administrator sets or removes an API's OpenAPI document on /admin/apis/<id>: an
// uploaded file ("OpenAPI file") wins over the pasted text ("OpenAPI document"). Validation errors
// come back per JSON path.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { OPENAPI_MAX_BYTES, setApiOpenApi } from "@/lib/apis/openapi";
import { AppError } from "@/lib/errors";
import { viewerAction } from "@/lib/server/actions";
import { actorOf, requirePlatformAdmin } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

// The pasted text and the button pressed; an uploaded file is read from the form as it is (below).
const openApiInput = z.object({ openapi: z.string(), intent: z.string() });
/** A pasted document over the limit is not sent back into the page. */
const keptDocument = ({ openapi }: { openapi: string }) => ({ values: { openapi: openapi.length > OPENAPI_MAX_BYTES ? "" : openapi } });

export async function saveOpenApiAction(apiId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const declared = { schema: openApiInput, form, keepState: keptDocument };
  return viewerAction({ returnTo: `/admin/apis/${encodeURIComponent(apiId)}`, ...declared }, async ({ viewer, request, input }) => {
    requirePlatformAdmin(viewer, "catalog.manage");
    const actor = actorOf(viewer);
    if (input.intent === "remove") {
      await setApiOpenApi(apiId, null, actor, request);
      revalidatePath(`/admin/apis/${apiId}`);
      return { ok: true, message: "The OpenAPI document was removed." };
    }
    const file = form.get("file");
    let text = input.openapi;
    if (file instanceof File && file.size > 0) {
      if (file.size > OPENAPI_MAX_BYTES) {
        throw new AppError("validation", "The OpenAPI document is not valid.", {
          fieldErrors: { openapi: [`/: The file is larger than ${OPENAPI_MAX_BYTES / 1024} KiB.`] },
        });
      }
      text = await file.text();
    }
    const saved = await setApiOpenApi(apiId, text, actor, request);
    revalidatePath(`/admin/apis/${apiId}`);
    return { ok: true, message: `OpenAPI document saved (OpenAPI ${saved?.version}${saved?.title ? `, “${saved.title}”` : ""}).` };
  });
}
