"use server";
// Server actions of /company/webhooks (Delegated Administrators). Thin: the session here, the rules in
// lib/webhooks/endpoints.ts (which checks the role again).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Person } from "@/lib/companies/guards";
import { AppError } from "@/lib/errors";
import { hasSecondFactor } from "@/lib/security/two-factor/factors";
import { stepUpOrRedirect } from "@/lib/security/two-factor/step-up";
import { type FormInput, viewerAction } from "@/lib/server/actions";
import type { RequestContext } from "@/lib/server/request-context";
import { actorOf, companyFor } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  enableWebhookEndpoint,
  resendDelivery,
  revealWebhookSecret,
  sendTestEvent,
  WEBHOOK_REAUTH_REQUIRED,
} from "@/lib/webhooks/endpoints";
import { passwordProof } from "./password-proof";

const returnTo = "/company/webhooks";

export interface WebhookSecretState extends FormState {
  secret?: string;
  needsPassword?: boolean;
}

// Each form's fields, declared beside its action; lib/webhooks checks the URL and event types itself.
const endpointInput = z.object({ url: z.string(), eventTypes: z.array(z.string()) });
export async function addWebhookEndpointAction(_prev: WebhookSecretState, form: FormData): Promise<WebhookSecretState> {
  return viewerAction({ returnTo, schema: endpointInput, form, keepFields: ["url"] }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "webhooks.manage");
    const created = await createWebhookEndpoint(actorOf(viewer), company.companyId, input, request);
    revalidatePath(returnTo);
    return { ok: true, secret: created.secret, message: `Endpoint added. Copy its signing secret now: ${created.url}` };
  });
}

/** The signing secret again: a second factor from the last minutes when the person has one, else the password. */
const revealInput = z.object({ password: z.string().optional() });
export async function revealWebhookSecretAction(
  endpointId: string,
  _prev: WebhookSecretState,
  form: FormData,
): Promise<WebhookSecretState> {
  return viewerAction({ returnTo, schema: revealInput, form }, async ({ viewer, request, input }): Promise<WebhookSecretState> => {
    const company = companyFor(viewer, "webhooks.manage");
    const actor = actorOf(viewer);
    try {
      if (await hasSecondFactor(viewer.user.id)) {
        await stepUpOrRedirect(viewer, returnTo);
        return {
          secret: await revealWebhookSecret(actor, company.companyId, endpointId, { provenAt: Math.floor(Date.now() / 1000) }, request),
        };
      }
      const proof = await passwordProof(viewer, input.password, request);
      if (proof.prompt) return proof.prompt;
      return { secret: await revealWebhookSecret(actor, company.companyId, endpointId, { provenAt: proof.provenAt }, request) };
    } catch (error) {
      if (error instanceof AppError && error.code === "unauthenticated" && error.message === WEBHOOK_REAUTH_REQUIRED)
        return { needsPassword: true };
      throw error;
    }
  });
}

function attemptMessage(result: { ok: boolean; statusCode: number | null; error: string | null; latencyMs: number } | null, what: string) {
  if (!result) return { ok: false, message: `The ${what} is already being sent.` };
  if (result.ok) return { ok: true, message: `The ${what} was delivered: HTTP ${result.statusCode} in ${result.latencyMs} ms.` };
  return {
    ok: false,
    message: `The ${what} was not delivered: ${result.statusCode ? `HTTP ${result.statusCode}` : (result.error ?? "no answer")}. It is retried with backoff.`,
  };
}

/** The buttons of one endpoint or delivery: which row they act on. */
const endpointIdInput = z.object({ endpointId: z.string() });
const deliveryIdInput = z.object({ deliveryId: z.string() });

/** "Send test event" and "Resend": one delivery attempt now, answered with how it went. */
function attemptAction<T extends z.ZodObject>(
  declared: FormInput<T>,
  what: string,
  attempt: (actor: Person, companyId: string, input: z.output<T>, request: RequestContext) => ReturnType<typeof sendTestEvent>,
) {
  return viewerAction({ returnTo, ...declared }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "webhooks.manage");
    const result = await attempt(actorOf(viewer), company.companyId, input, request);
    revalidatePath(returnTo);
    return attemptMessage(result, what);
  });
}

export async function sendTestEventAction(_prev: FormState, form: FormData): Promise<FormState> {
  return attemptAction({ schema: endpointIdInput, form }, "test event", (actor, companyId, input, request) =>
    sendTestEvent(actor, companyId, input.endpointId, request),
  );
}

export async function resendDeliveryAction(_prev: FormState, form: FormData): Promise<FormState> {
  return attemptAction({ schema: deliveryIdInput, form }, "event", (actor, companyId, input, request) =>
    resendDelivery(actor, companyId, input.deliveryId, request),
  );
}

export async function deleteWebhookEndpointAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo, schema: endpointIdInput, form }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "webhooks.manage");
    const r = await deleteWebhookEndpoint(actorOf(viewer), company.companyId, input.endpointId, request);
    revalidatePath(returnTo);
    return { ok: true, message: `The endpoint ${r.url} was removed.` };
  });
}

export async function enableWebhookEndpointAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo, schema: endpointIdInput, form }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "webhooks.manage");
    const r = await enableWebhookEndpoint(actorOf(viewer), company.companyId, input.endpointId, request);
    revalidatePath(returnTo);
    return { ok: true, message: `The endpoint ${r.url} is enabled again.` };
  });
}
