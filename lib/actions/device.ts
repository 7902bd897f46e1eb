"use server";
// "Allow" / "Deny" on /device (RFC 8628): the session, then lib/oauth/device decides once.
import { redirect } from "next/navigation";
import { decideDevice } from "@/lib/oauth/device";
import { requestContext } from "@/lib/server/request-context";
import { getViewer } from "@/lib/server/session";

export async function decideDeviceAction(form: FormData): Promise<void> {
  const userCode = String(form.get("user_code") ?? "").slice(0, 32);
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent("/device")}`);
  const decision = form.get("decision") === "allow" ? "allow" : "deny";
  const result = await decideDevice(viewer.user, userCode, decision, await requestContext());
  redirect(`/device?done=${result}`);
}
