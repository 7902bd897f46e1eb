"use server";
// Thin server actions of one app's page: each checks the session, then calls lib/apps, which checks
// the viewer's rights on the app again.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { HelloTrialState, SecretPanelState } from "@/components/apps/app-form-states";
import { type AppActor, appActorFor } from "@/lib/apps/access";
import { deleteApp, setAppStatus, updateApp, updateAppSecuritySettings } from "@/lib/apps/manage-app";
import { REAUTH_REQUIRED, revealClientSecret, rotateClientSecret } from "@/lib/apps/secrets";
import { AppError } from "@/lib/errors";
import { exactTime } from "@/lib/format";
import { passwordProvenAt, rememberReauth } from "@/lib/security/reauth";
import { hasSecondFactor } from "@/lib/security/two-factor/factors";
import { stepUpOrRedirect } from "@/lib/security/two-factor/step-up";
import { type ActionOptions, type ActionScope, viewerAction } from "@/lib/server/actions";
import type { Viewer } from "@/lib/server/session";
import { tryHelloApi } from "@/lib/try-it/hello";
import { verifyCredentials } from "@/lib/users/accounts";
import { securitySettingsFromForm, updateFromForm } from "@/lib/validation/app-registration";
import type { FormState } from "@/lib/validation/form-state";

/** Issue 14: with a second factor enrolled, sensitive operations need one from the last 10 minutes
 * (the re-check page /account/verify) instead of the password. True when that check applied. */
async function secondFactorStepUp(viewer: Viewer, appId: string): Promise<boolean> {
  if (!(await hasSecondFactor(viewer.user.id))) return false;
  await stepUpOrRedirect(viewer, `/apps/${encodeURIComponent(appId)}`);
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

/** Shows the current secret; asks for the password first when the last proof is too old. */
export async function revealSecretAction(appId: string, _prev: SecretPanelState, form: FormData): Promise<SecretPanelState> {
  return appAction(appId, {}, async ({ viewer, actor, request }): Promise<SecretPanelState> => {
    try {
      if (await secondFactorStepUp(viewer, appId)) {
        const shown = await revealClientSecret(actor, appId, { provenAt: Math.floor(Date.now() / 1000) }, request);
        return { secret: shown.secret };
      }
      let provenAt = await passwordProvenAt(viewer);
      const password = form.get("password");
      if (typeof password === "string") {
        if (!password) return { needsPassword: true, fieldErrors: { password: ["Enter your password."] } };
        try {
          const account = await verifyCredentials({ email: viewer.user.email, password }, request);
          if (account.id !== viewer.user.id) throw new AppError("unauthenticated", "That password is not right.");
        } catch (error) {
          if (error instanceof AppError && error.code === "unauthenticated") {
            return { needsPassword: true, fieldErrors: { password: ["That password is not right."] } };
          }
          if (error instanceof AppError && error.code === "rate_limited") return { needsPassword: true, message: error.message };
          throw error;
        }
        provenAt = await rememberReauth(viewer);
      }
      const shown = await revealClientSecret(actor, appId, { provenAt }, request);
      return { secret: shown.secret };
    } catch (error) {
      if (error instanceof AppError && error.code === "unauthenticated" && error.message === REAUTH_REQUIRED)
        return { needsPassword: true };
      throw error;
    }
  });
}

export async function rotateSecretAction(appId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return appAction(appId, {}, async ({ viewer, actor, request }) => {
    await secondFactorStepUp(viewer, appId);
    const result = await rotateClientSecret(actor, appId, { graceHours: form.get("graceHours") ?? undefined }, request);
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

export async function deleteAppAction(appId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return appAction(appId, {}, async ({ viewer, actor, request }) => {
    await secondFactorStepUp(viewer, appId);
    await deleteApp(actor, appId, form.get("confirmName"), request);
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

/** Issue 13: the app's sign-in settings (post-logout URL, allowed web origins, Require PKCE / DPoP / PAR). */
export async function updateAppSettingsAction(appId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const input = securitySettingsFromForm(form);
  const values = { postLogoutRedirectUri: input.postLogoutRedirectUri ?? "", allowedOrigins: input.allowedOrigins ?? "" };
  return appAction(appId, { values }, async ({ actor, request }) => {
    await updateAppSecuritySettings(actor, appId, input, request);
    revalidatePath(`/apps/${appId}`);
    return { ok: true, message: "Settings saved." };
  });
}
