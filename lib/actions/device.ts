"use server";
// "Allow" / "Deny" on /device (RFC 8628): the session, then lib/oauth/device decides once.
import { redirect } from "next/navigation";
import { decideDevice } from "@/lib/oauth/device";
import { allowOrDeny } from "@/lib/server/actions";
import { requestContext } from "@/lib/server/request-context";

export async function decideDeviceAction(form: FormData): Promise<void> {
  const { value: userCode, decision, viewer } = await allowOrDeny(form, "user_code", 32, () => "/device");
  const ctx = await requestContext();
  const result = await decideDevice(viewer.user, userCode, decision, { sessionId: viewer.sessionId, ip: ctx.ip }, ctx);
  redirect(`/device?done=${result}`);
}
