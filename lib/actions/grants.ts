"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { toAppError } from "@/lib/errors";
import { revokeUserGrant } from "@/lib/oauth/consents";
import { formInput } from "@/lib/server/actions";
import { requestContext } from "@/lib/server/request-context";
import { requireViewer } from "@/lib/server/session";

const grantInput = z.object({ consentId: z.string() });
export async function revokeGrantAction(form: FormData): Promise<void> {
  const viewer = await requireViewer("/account/grants");
  const id = formInput(grantInput, form).consentId;
  let outcome = "revoked";
  try {
    await revokeUserGrant(viewer.user, id, await requestContext());
  } catch (error) {
    const e = toAppError(error);
    if (e.code === "internal") console.error("[console] revoking a grant failed", error);
    outcome = "missing";
  }
  revalidatePath("/account/grants");
  redirect(`/account/grants?${outcome}=1`);
}
