import "server-only";
// The step after the password (lib/users/accounts verifyCredentials) has been proven: record a
// server-side session and hand Auth.js a ticket for it, which sets the session cookie. A second
// factor (branch twofa) hooks in BEFORE this function: call it only once every factor is proven.
import { signIn } from "./index";
import { issueSignInTicket } from "./ticket";
import { createSession } from "../users/sessions";
import type { RequestContext } from "../request-context";

export async function completeSignIn(user: { id: string }, ctx: RequestContext): Promise<void> {
  const sessionId = await createSession(user.id, ctx);
  await signIn("credentials", { ticket: issueSignInTicket(user.id, sessionId), redirect: false });
}
