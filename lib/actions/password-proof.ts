import "server-only";
// The password re-check before a sensitive step (showing a secret again, a personal token, the re-check
// page, resetting another person's factors): one check and one wording for a wrong password.
import { AppError } from "@/lib/errors";
import { passwordProvenAt, rememberReauth } from "@/lib/security/reauth";
import type { RequestContext } from "@/lib/server/request-context";
import type { Viewer } from "@/lib/server/session";
import { verifyCredentials } from "@/lib/users/accounts";

export const WRONG_PASSWORD = "That password is not right.";

/** Checks the viewer's own password; a wrong one is AppError("unauthenticated") with a field error on "password". */
export async function checkOwnPassword(viewer: Viewer, password: string, request: RequestContext): Promise<void> {
  const account = await verifyCredentials({ email: viewer.user.email, password }, request).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "unauthenticated") {
      throw new AppError("unauthenticated", WRONG_PASSWORD, { fieldErrors: { password: [WRONG_PASSWORD] } });
    }
    throw error;
  });
  if (account.id !== viewer.user.id) throw new AppError("unauthenticated", WRONG_PASSWORD);
}

/** What a secret panel's password prompt shows. */
export interface PasswordPrompt {
  needsPassword: true;
  message?: string;
  fieldErrors?: Record<string, string[]>;
}

/**
 * Before showing a secret again: when the password was last proven, after checking the one the form sent
 * (a form without the field asks nothing new), or the prompt to show instead.
 */
export async function passwordProof(
  viewer: Viewer,
  password: string | undefined,
  request: RequestContext,
): Promise<{ provenAt: number; prompt?: undefined } | { prompt: PasswordPrompt }> {
  if (password === undefined) return { provenAt: await passwordProvenAt(viewer) };
  if (!password) return { prompt: { needsPassword: true, fieldErrors: { password: ["Enter your password."] } } };
  try {
    await checkOwnPassword(viewer, password, request);
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthenticated") {
      return { prompt: { needsPassword: true, fieldErrors: { password: [WRONG_PASSWORD] } } };
    }
    if (error instanceof AppError && error.code === "rate_limited") return { prompt: { needsPassword: true, message: error.message } };
    throw error;
  }
  return { provenAt: await rememberReauth(viewer) };
}
