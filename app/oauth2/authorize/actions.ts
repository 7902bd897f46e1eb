"use server";
import { redirect } from "next/navigation";
import { approveAuthorization, checkAuthorizationRequest, denyAuthorization } from "@/lib/oauth/authorize";
import { requestContext } from "@/lib/request-context";
import { getViewer } from "@/lib/session";

/** "Allow" or "Deny" on the consent page. The request is validated again from its query string. */
export async function decideAuthorizationAction(form: FormData): Promise<void> {
  const query = String(form.get("query") ?? "").slice(0, 4000);
  const back = `/oauth2/authorize?${query}`;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(back)}`);
  const check = await checkAuthorizationRequest(new URLSearchParams(query));
  if (!check.ok) redirect(check.kind === "redirect" ? check.url : back);
  const decision = form.get("decision");
  if (decision === "allow") {
    redirect(await approveAuthorization(viewer.user, check.request, await requestContext()));
  }
  redirect(denyAuthorization(check.request));
}
