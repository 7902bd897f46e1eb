"use server";
// The platform administrator sets or removes an API's OpenAPI document on /admin/apis/<id>: an
// uploaded file ("OpenAPI file") wins over the pasted text ("OpenAPI document"). Validation errors
// come back per JSON path.
import { revalidatePath } from "next/cache";
import { OPENAPI_MAX_BYTES, setApiOpenApi } from "@/lib/apis/openapi";
import { AppError } from "@/lib/errors";
import { formText, viewerAction } from "@/lib/server/actions";
import { actorOf, requirePlatformAdmin } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

export async function saveOpenApiAction(apiId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const pasted = formText(form, "openapi");
  const options = {
    returnTo: `/admin/apis/${encodeURIComponent(apiId)}`,
    // A pasted document over the limit is not sent back into the page.
    values: { openapi: pasted.length > OPENAPI_MAX_BYTES ? "" : pasted },
  };
  return viewerAction(options, async ({ viewer, request }) => {
    requirePlatformAdmin(viewer, "catalog.manage");
    const actor = actorOf(viewer);
    if (form.get("intent") === "remove") {
      await setApiOpenApi(apiId, null, actor, request);
      revalidatePath(`/admin/apis/${apiId}`);
      return { ok: true, message: "The OpenAPI document was removed." };
    }
    const file = form.get("file");
    let text = pasted;
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
