import "server-only";
// Turns what a domain module threw into a form state: AppError messages are for people; anything
// else is logged and answered with a generic message.
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { toAppError } from "../errors";
import type { FormState } from "../validation/form-state";

export function formError(error: unknown, values?: Record<string, string>): FormState {
  if (isRedirectError(error)) throw error;
  const e = toAppError(error);
  if (e.code === "internal") console.error("[console] action failed", error);
  return { ok: false, message: e.message, fieldErrors: e.fieldErrors, values };
}

/** A same-origin path to return to after sign-in; anything else becomes the default. */
export function safeReturnPath(value: unknown, fallback = "/apps"): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\u0000-\u001f]/.test(value)) {
    return fallback;
  }
  return value;
}
