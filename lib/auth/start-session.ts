import "server-only";
// Turns a proven identity into a session: a server-side Session row (lib/users/sessions.ts)
// and a short-lived signed ticket carrying its id, handed to Auth.js (lib/auth), which sets the cookie.
// Called by the sign-in and sign-up actions and by the second step of signing in (two-step sign-in): it is THE
// post-authentication step; call it only once every factor is proven.
import { type RequestContext, requestContext } from "../server/request-context";
import { createSession } from "../users/sessions";
import { signIn } from "./index";
import { issueSignInTicket } from "./ticket";

export async function startSession(userId: string, ctx?: RequestContext): Promise<void> {
  const sessionId = await createSession(userId, ctx ?? (await requestContext()));
  await signIn("credentials", { ticket: issueSignInTicket(userId, sessionId), redirect: false });
}
