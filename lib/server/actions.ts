import "server-only";
// The one wrapper every server action runs in (lib/actions/*): the session, the request context, and
// errors. A signed-out caller is sent to sign in (and back to `returnTo`); an unverified one to
// /verify-email unless the action allows it; the work's redirect() passes through; an AppError (the
// domain's zod validation included: lib/validation parseInput) becomes the form's message and field
// errors; anything else is logged and answered with a generic message. The domain module called by the
// work checks the actor's rights again (actions are never the only check).
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { toAppError } from "../errors";
import type { FormState } from "../validation/form-state";
import { type RequestContext, requestContext } from "./request-context";
import { requireViewer, type Viewer } from "./session";

export interface ActionScope {
  viewer: Viewer;
  request: RequestContext;
}

export interface ActionOptions {
  /** Where sign-in returns to (also the page the two-step policy sends back to). */
  returnTo?: string;
  /** Actions an account may take before verifying its address (/account, /verify-email). */
  allowUnverified?: boolean;
  /** The form's values to keep when the action fails. */
  values?: Record<string, string>;
  /** More of the form's state to keep when the action fails (e.g. which boxes were ticked). */
  keep?: object;
}

/** A signed-in action: `viewerAction({ returnTo }, async ({ viewer, request }) => state)`. */
export async function viewerAction<S extends object>(
  options: ActionOptions,
  work: (scope: ActionScope) => Promise<S>,
): Promise<S | FormState> {
  try {
    const viewer = await requireViewer(options.returnTo, { allowUnverified: options.allowUnverified });
    return await work({ viewer, request: await requestContext() });
  } catch (error) {
    return { ...formError(error, options.values), ...options.keep };
  }
}

/** An action open to signed-out callers (sign-in, sign-up, password reset, consent, device code). */
export async function publicAction<S extends object>(
  work: (scope: { request: RequestContext }) => Promise<S>,
  values?: Record<string, string>,
): Promise<S | FormState> {
  try {
    return await work({ request: await requestContext() });
  } catch (error) {
    return formError(error, values);
  }
}

/** A form field as text ("" when absent or a file). */
export function formText(form: FormData, key: string): string {
  const v = form.get(key);
  return typeof v === "string" ? v : "";
}

/** Every value of a repeated field (checkbox groups). */
export function formList(form: FormData, key: string): string[] {
  return form.getAll(key).filter((v): v is string => typeof v === "string");
}

/**
 * What a person is told when an action fails: an AppError's message and field errors as they are;
 * anything unexpected logged and answered with the generic message. Form actions (formError) and the
 * passkey ceremonies' JSON results (lib/actions/two-factor.ts) both answer with it.
 */
export function actionFailure(error: unknown): { message: string; fieldErrors?: Record<string, string[]> } {
  const e = toAppError(error);
  if (e.code === "internal") console.error("[console] action failed", error);
  return { message: e.message, fieldErrors: e.fieldErrors };
}

export function formError(error: unknown, values?: Record<string, string>): FormState {
  if (isRedirectError(error)) throw error;
  return { ok: false, ...actionFailure(error), values };
}

/** A same-origin path to return to after sign-in; anything else becomes the default. */
export function safeReturnPath(value: unknown, fallback = "/apps"): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\u0000-\u001f]/.test(value)) {
    return fallback;
  }
  return value;
}
