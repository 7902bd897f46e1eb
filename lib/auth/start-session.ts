import "server-only";
// Turns a proven identity into a session: a short-lived signed ticket handed to Auth.js (lib/auth).
// Called by the sign-in and sign-up actions and by the second step of signing in (issue 14).
import { signIn } from "./index";
import { issueSignInTicket } from "./ticket";

export async function startSession(userId: string): Promise<void> {
  await signIn("credentials", { ticket: issueSignInTicket(userId), redirect: false });
}
