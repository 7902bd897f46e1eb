import "server-only";
// The one wrapper every server action runs in (lib/actions/*): the session, the request context, and
// errors. A signed-out caller is sent to sign in (and back to `returnTo`); an unverified one to
// /verify-email unless the action allows it; the work's redirect() passes through; an AppError (the
// domain's zod validation included: lib/validation parseInput) becomes the form's message and field
// errors; anything else is logged and answered with a generic message. The domain module called by the
// work checks the actor's rights again (actions are never the only check).
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { redirect } from "next/navigation";
import { z } from "zod";
import { toAppError } from "../errors";
import { errorFields, logger } from "../observability/log";
import { parseInput } from "../validation/common";
import type { FormState } from "../validation/form-state";
import { type RequestContext, requestContext } from "./request-context";
import { getViewer, requireViewer, type Viewer } from "./session";

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

/**
 * The action's input declared beside it (next-safe-action's pattern): `schema` names the form's fields,
 * `form` is the submitted FormData; the work receives `input`, parsed. A field whose schema is an array
 * reads every value (checkbox groups); a field whose schema accepts undefined (`.optional()`,
 * `.default()`, `checkbox()`) is undefined when the form did not send it; any other reads its text (""
 * when absent). `keepFields` are the fields sent back to the form when the action fails (a repeated
 * field's values joined by commas); `keepState` adds more of the submitted fields' state (e.g. which
 * boxes were ticked, in the shape the form reads them).
 */
export interface FormInput<T extends z.ZodObject> {
  schema: T;
  form: FormData;
  keepFields?: readonly (keyof z.input<T> & string)[];
  keepState?: (fields: z.input<T>) => object;
}

/** A checkbox: true when ticked (sent with `value` when given, with any value otherwise). */
export function checkbox(value?: string) {
  return z
    .string()
    .optional()
    .transform((v) => (value === undefined ? v !== undefined : v === value));
}

/** FormData → the fields the schema names, unparsed (never throws). */
function formFields<T extends z.ZodObject>(schema: T, form: FormData): z.input<T> {
  const raw: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (field instanceof z.ZodArray) raw[key] = formList(form, key);
    else if (form.has(key) || !field.safeParse(undefined).success) raw[key] = formText(form, key);
  }
  return raw as z.input<T>;
}

/** FormData → the schema's object (zod at the boundary; the domain modules check their own rules again). */
export function formInput<T extends z.ZodObject>(schema: T, form: FormData): z.output<T> {
  return parseInput(schema, formFields(schema, form));
}

/**
 * An "Allow" / "Deny" form (the consent page, /device): the value it names (field `field`, cut to
 * `maxLength`) and the decision, for the signed-in viewer; anyone else goes to sign in, then back to
 * `returnTo(value)`.
 */
export async function allowOrDeny(
  form: FormData,
  field: string,
  maxLength: number,
  returnTo: (value: string) => string,
): Promise<{ value: string; decision: "allow" | "deny"; viewer: Viewer }> {
  const input = formInput(z.object({ [field]: z.string(), decision: z.string() }), form) as Record<string, string>;
  const value = input[field]!.slice(0, maxLength);
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo(value))}`);
  return { value, decision: input.decision === "allow" ? "allow" : "deny", viewer };
}

/** What a failed action keeps of the form: the declared fields, or the values given. */
function keptState(declared: FormInput<z.ZodObject> | undefined, values?: Record<string, string>): FormState {
  if (!declared || (!declared.keepFields && !declared.keepState)) return { values };
  const fields = formFields(declared.schema, declared.form) as Record<string, unknown>;
  const kept = declared.keepFields?.map((k) => {
    const v = fields[k];
    return [k, Array.isArray(v) ? v.join(",") : typeof v === "string" ? v : ""];
  });
  return { values: values ?? (kept && Object.fromEntries(kept)), ...declared.keepState?.(fields) };
}

/** A signed-in action: `viewerAction({ returnTo, schema, form }, async ({ viewer, request, input }) => state)`. */
export async function viewerAction<S extends object, T extends z.ZodObject>(
  options: ActionOptions & FormInput<T>,
  work: (scope: ActionScope & { input: z.output<T> }) => Promise<S>,
): Promise<S | FormState>;
/** A signed-in action without form fields: `viewerAction({ returnTo }, async ({ viewer, request }) => state)`. */
export async function viewerAction<S extends object>(
  options: ActionOptions & { schema?: undefined },
  work: (scope: ActionScope & { input: undefined }) => Promise<S>,
): Promise<S | FormState>;
export async function viewerAction<S extends object>(
  options: ActionOptions & Partial<FormInput<z.ZodObject>>,
  // The overloads above type `input`; here it is whatever the schema parsed to.
  work: (scope: ActionScope & { input: never }) => Promise<S>,
): Promise<S | FormState> {
  const declared = options.schema ? (options as FormInput<z.ZodObject>) : undefined;
  try {
    const viewer = await requireViewer(options.returnTo, { allowUnverified: options.allowUnverified });
    const input = declared ? formInput(declared.schema, declared.form) : undefined;
    return await work({ viewer, request: await requestContext(), input: input as never });
  } catch (error) {
    const { values, ...state } = keptState(declared, options.values);
    return { ...formError(error, values), ...state, ...options.keep };
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

/** A public action with its input declared beside it: `publicFormAction({ schema, form }, async ({ request, input }) => state)`. */
export async function publicFormAction<S extends object, T extends z.ZodObject>(
  declared: FormInput<T>,
  work: (scope: { request: RequestContext; input: z.output<T> }) => Promise<S>,
): Promise<S | FormState> {
  try {
    const input = formInput(declared.schema, declared.form);
    return await work({ request: await requestContext(), input });
  } catch (error) {
    const { values, ...state } = keptState(declared as unknown as FormInput<z.ZodObject>);
    return { ...formError(error, values), ...state };
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
  if (e.code === "internal") logger().error(errorFields(error), "[console] action failed");
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
