"use server";
// Thin server actions of one app's page: each checks the session, then calls lib/apps, which checks
// the viewer's rights on the app again.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { type AppActor, appActorFor } from "@/lib/apps/access";
import { setClientAuthentication } from "@/lib/apps/client-authentication";
import { deleteApp, setAppStatus, updateApp, updateAppSecuritySettings } from "@/lib/apps/manage-app";
import { REAUTH_REQUIRED, revealClientSecret, rotateClientSecret } from "@/lib/apps/secrets";
import { AppError } from "@/lib/errors";
import { exactTime } from "@/lib/format";
import { hasSecondFactor } from "@/lib/security/two-factor/factors";
import { stepUpOrRedirect } from "@/lib/security/two-factor/step-up";
import { type ActionOptions, type ActionScope, formInput, viewerAction } from "@/lib/server/actions";
import type { Viewer } from "@/lib/server/session";
import { tryHelloApi } from "@/lib/try-it/hello";
import type { HelloTrialState, SecretPanelState } from "@/lib/validation/app-form-states";
import { securitySettingsFromForm, updateFromForm } from "@/lib/validation/app-registration";
import { clientAuthenticationFromForm } from "@/lib/validation/client-authentication";
import type { FormState } from "@/lib/validation/form-state";
import { passwordProof } from "./password-proof";

/** Step-up: with a second factor enrolled, sensitive operations need one from the last 10 minutes
 * (the re-check page /account/verify) instead of the password. True when that check applied. */
async function secondFactorStepUp(viewer: Viewer, appId: string, returnTo = `/apps/${encodeURIComponent(appId)}`): Promise<boolean> {
  if (!(await hasSecondFactor(viewer.user.id))) return false;
  await stepUpOrRedirect(viewer, returnTo);
  return true;
}

/** The action wrapper for one app's page: the session, then the viewer as an app actor (lib/apps checks the app again). */
function appAction<S extends object>(
  appId: string,
  options: Omit<ActionOptions, "returnTo">,
  work: (scope: ActionScope & { actor: AppActor }) => Promise<S>,
) {
  return viewerAction({ ...options, returnTo: `/apps/${encodeURIComponent(appId)}` }, async (scope) => {
    const actor = appActorFor(scope.viewer);
    if (!actor) throw new AppError("not_found", "This application was not found.");
    return work({ ...scope, actor });
  });
}

// The forms' fields, declared beside their actions and parsed inside the wrapper (lib/apps checks the
// values); the app's details and settings are read by lib/validation, which the browser's checks share.
const revealInput = z.object({ password: z.string().optional() });

/** Shows the current secret; asks for the password first when the last proof is too old. */
export async function revealSecretAction(appId: string, _prev: SecretPanelState, form: FormData): Promise<SecretPanelState> {
  return appAction(appId, {}, async ({ viewer, actor, request }): Promise<SecretPanelState> => {
    const input = formInput(revealInput, form);
    try {
      if (await secondFactorStepUp(viewer, appId)) {
        const shown = await revealClientSecret(actor, appId, { provenAt: Math.floor(Date.now() / 1000) }, request);
        return { secret: shown.secret };
      }
      const proof = await passwordProof(viewer, input.password, request);
      if (proof.prompt) return proof.prompt;
      const shown = await revealClientSecret(actor, appId, { provenAt: proof.provenAt }, request);
      return { secret: shown.secret };
    } catch (error) {
      if (error instanceof AppError && error.code === "unauthenticated" && error.message === REAUTH_REQUIRED)
        return { needsPassword: true };
      throw error;
    }
  });
}

/** The grace period is optional: without it lib/apps keeps its default. */
const rotateInput = z.object({ graceHours: z.string().optional() });
export async function rotateSecretAction(appId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return appAction(appId, {}, async ({ viewer, actor, request }) => {
    const { graceHours } = formInput(rotateInput, form);
    // The re-check page returns to Settings and finishes this rotation (with the grace period chosen here).
    const grace = (graceHours ?? "").slice(0, 4);
    await secondFactorStepUp(viewer, appId, `/apps/${encodeURIComponent(appId)}/settings?resume=rotate&grace=${encodeURIComponent(grace)}`);
    const result = await rotateClientSecret(actor, appId, { graceHours }, request);
    revalidatePath(`/apps/${appId}`, "layout");
    return {
      ok: true,
      message: result.previousExpiresAt
        ? `A new Client Secret was issued. The previous one keeps working until ${exactTime(result.previousExpiresAt)}.`
        : "A new Client Secret was issued. The previous one no longer works.",
    };
  });
}

export async function updateAppAction(appId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const input = updateFromForm(form);
  const values = { name: String(input.name ?? ""), description: String(input.description ?? "") };
  return appAction(appId, { values }, async ({ actor, request }) => {
    await updateApp(actor, appId, input, request);
    revalidatePath(`/apps/${appId}`, "layout");
    return { ok: true, message: "Changes saved." };
  });
}

export async function setAppStatusAction(
  appId: string,
  status: "ACTIVE" | "INACTIVE",
  _prev: FormState,
  _form: FormData,
): Promise<FormState> {
  return appAction(appId, {}, async ({ actor, request }) => {
    await setAppStatus(actor, appId, status, request);
    revalidatePath(`/apps/${appId}`, "layout");
    return {
      ok: true,
      message:
        status === "ACTIVE"
          ? "The application is active again."
          : "The application is inactive: it gets no tokens, and its tokens were revoked.",
    };
  });
}

const deleteInput = z.object({ confirmName: z.string() });
export async function deleteAppAction(appId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return appAction(appId, {}, async ({ viewer, actor, request }) => {
    await secondFactorStepUp(viewer, appId);
    await deleteApp(actor, appId, formInput(deleteInput, form).confirmName, request);
    revalidatePath("/apps");
    redirect("/apps?deleted=1");
  });
}

/** "Try it": gets a token with the app's Client Credentials and calls the Hello API (server side). */
export async function tryHelloAction(appId: string, _prev: HelloTrialState, _form: FormData): Promise<HelloTrialState> {
  return appAction(appId, {}, async ({ actor, request }): Promise<HelloTrialState> => {
    const trial = await tryHelloApi(actor, appId, request);
    return { ok: true, trial };
  });
}

/** The app's sign-in settings (post-logout URL, allowed web origins, Require PKCE / DPoP / PAR). */
export async function updateAppSettingsAction(appId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const input = securitySettingsFromForm(form);
  const values = { postLogoutRedirectUri: input.postLogoutRedirectUri ?? "", allowedOrigins: input.allowedOrigins ?? "" };
  return appAction(appId, { values }, async ({ actor, request }) => {
    await updateAppSecuritySettings(actor, appId, input, request);
    revalidatePath(`/apps/${appId}`);
    return { ok: true, message: "Settings saved." };
  });
}

/** "Client authentication": Client secret, or Private key JWT with a JWKS or a JWKS URL (audited). */
export async function updateClientAuthenticationAction(appId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const input = clientAuthenticationFromForm(form);
  const values = { method: String(input.method ?? ""), jwks: input.jwks ?? "", jwksUri: input.jwksUri ?? "" };
  return appAction(appId, { values }, async ({ actor, request }) => {
    const changed = await setClientAuthentication(actor, appId, input, request);
    revalidatePath(`/apps/${appId}`);
    if (!changed) return { ok: true, message: "Client authentication saved." };
    return {
      ok: true,
      message:
        changed.method === "private_key_jwt"
          ? "The app now authenticates with a private key JWT. Its Client Secret was revoked."
          : "The app now authenticates with a Client Secret: a new one was issued. Show it on the Overview tab.",
    };
  });
}
