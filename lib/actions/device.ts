"use server";
// "Allow" / "Deny" on /device (RFC 8628): the session, then lib/oauth/device decides once.
import { redirect } from "next/navigation";
import { z } from "zod";
import { decideDevice } from "@/lib/oauth/device";
import { formInput } from "@/lib/server/actions";
import { requestContext } from "@/lib/server/request-context";
import { getViewer } from "@/lib/server/session";

const decisionInput = z.object({ user_code: z.string(), decision: z.string() });
export async function decideDeviceAction(form: FormData): Promise<void> {
  const input = formInput(decisionInput, form);
  const userCode = input.user_code.slice(0, 32);
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent("/device")}`);
  const decision = input.decision === "allow" ? "allow" : "deny";
  const ctx = await requestContext();
  const result = await decideDevice(viewer.user, userCode, decision, { sessionId: viewer.sessionId, ip: ctx.ip }, ctx);
  redirect(`/device?done=${result}`);
}
