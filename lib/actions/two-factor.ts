"use server";
// Server actions of issue 14 (two-step sign-in): /account/security, the second step of signing in
// (/signin/two-step), password-less passkey sign-in on /signin, the re-check page (/account/verify), the
// company policy and a Delegated Administrator's reset. Each checks the session (or the pending
// sign-in) itself, then calls lib/security/two-factor, which checks again and audits.
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { startSession } from "@/lib/auth/start-session";
import { AppError } from "@/lib/errors";
import {
  confirmTotpSetup,
  regenerateRecoveryCodes,
  removeTotp,
  resetMemberSecondFactor,
  startTotpSetup,
  verifySecondFactorCode,
} from "@/lib/security/two-factor/factors";
import {
  finishPasskeyRegistration,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  removePasskey,
  verifyPasskeyAuthentication,
} from "@/lib/security/two-factor/passkeys";
import { setCompanyTwoFactorPolicy, setPlatformTwoFactorPolicy } from "@/lib/security/two-factor/policy";
import { completePendingSignIn, pendingSignIn } from "@/lib/security/two-factor/sign-in";
import { rememberSecondFactor, stepUpOrRedirect } from "@/lib/security/two-factor/step-up";
import { revokeTrustedBrowsers, trustThisBrowser } from "@/lib/security/two-factor/trusted-browsers";
import { actionFailure, publicAction, safeReturnPath, viewerAction } from "@/lib/server/actions";
import { requestContext } from "@/lib/server/request-context";
import { actorOf, companyFor, requirePlatformAdmin, requireViewer } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

const SECURITY_PATH = "/account/security";

export interface RecoveryCodesState extends FormState {
  recoveryCodes?: string[];
}

export type CeremonyResult<T> = { ok: true; value: T } | { ok: false; message: string };

async function ceremony<T>(run: () => Promise<T>): Promise<CeremonyResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, message: actionFailure(error).message };
  }
}

// ---------- /account/security ----------

export async function startTotpSetupAction(): Promise<void> {
  const viewer = await requireViewer(SECURITY_PATH);
  await startTotpSetup(actorOf(viewer));
  redirect(`${SECURITY_PATH}?setup=totp`);
}

export async function confirmTotpSetupAction(_prev: RecoveryCodesState, form: FormData): Promise<RecoveryCodesState> {
  return viewerAction({ returnTo: SECURITY_PATH }, async ({ viewer, request }) => {
    const { recoveryCodes } = await confirmTotpSetup(actorOf(viewer), String(form.get("code") ?? ""), request);
    await rememberSecondFactor(viewer.user.id);
    revalidatePath(SECURITY_PATH);
    return {
      ok: true,
      message: "Authenticator app set up. From now on, signing in asks for a code.",
      recoveryCodes: recoveryCodes ?? undefined,
    };
  });
}

export async function removeTotpAction(): Promise<void> {
  const viewer = await requireViewer(SECURITY_PATH);
  await stepUpOrRedirect(viewer, SECURITY_PATH);
  await removeTotp(actorOf(viewer), await requestContext());
  redirect(`${SECURITY_PATH}?removed=totp`);
}

export async function regenerateRecoveryCodesAction(_prev: RecoveryCodesState, _form: FormData): Promise<RecoveryCodesState> {
  return viewerAction({ returnTo: SECURITY_PATH }, async ({ viewer, request }) => {
    await stepUpOrRedirect(viewer, SECURITY_PATH);
    const codes = await regenerateRecoveryCodes(actorOf(viewer), request);
    revalidatePath(SECURITY_PATH);
    return { ok: true, message: "New recovery codes: the old ones no longer work.", recoveryCodes: codes };
  });
}

export async function passkeyRegistrationOptionsAction(): Promise<
  CeremonyResult<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }>
> {
  const viewer = await requireViewer(SECURITY_PATH);
  return ceremony(() => passkeyRegistrationOptions({ ...actorOf(viewer), name: viewer.user.name }));
}

export async function finishPasskeyRegistrationAction(
  challengeId: string,
  response: unknown,
  name: string,
): Promise<CeremonyResult<{ recoveryCodes: string[] | null }>> {
  const viewer = await requireViewer(SECURITY_PATH);
  return ceremony(async () => {
    const result = await finishPasskeyRegistration(actorOf(viewer), { challengeId, response, name }, await requestContext());
    await rememberSecondFactor(viewer.user.id);
    revalidatePath(SECURITY_PATH);
    return { recoveryCodes: result.recoveryCodes };
  });
}

export async function removePasskeyAction(form: FormData): Promise<void> {
  const viewer = await requireViewer(SECURITY_PATH);
  await stepUpOrRedirect(viewer, SECURITY_PATH);
  await removePasskey(actorOf(viewer), String(form.get("passkeyId") ?? ""), await requestContext());
  redirect(`${SECURITY_PATH}?removed=passkey`);
}

export async function revokeTrustedBrowserAction(form: FormData): Promise<void> {
  const viewer = await requireViewer(SECURITY_PATH);
  await revokeTrustedBrowsers(actorOf(viewer), String(form.get("browserId") ?? "all"), await requestContext());
  redirect(`${SECURITY_PATH}?revoked=1`);
}

// ---------- the second step of signing in ----------

async function finishSignIn(userId: string, person: { id: string; email: string }, trust: boolean): Promise<void> {
  await startSession(userId);
  await rememberSecondFactor(userId);
  if (trust) await trustThisBrowser(person, await requestContext());
}

const EXPIRED = "Your sign-in expired. Sign in again.";

export async function secondStepCodeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const pending = await pendingSignIn();
  if (!pending) redirect("/signin?expired=1");
  return publicAction(async ({ request }) => {
    const person = { id: pending.userId, email: pending.email };
    await verifySecondFactorCode(person, String(form.get("code") ?? ""), request);
    if (!(await completePendingSignIn(pending))) throw new AppError("unauthenticated", EXPIRED);
    await finishSignIn(pending.userId, person, form.get("trust") === "1");
    redirect(safeReturnPath(pending.returnTo));
  });
}

export async function secondStepPasskeyOptionsAction(): Promise<
  CeremonyResult<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }>
> {
  const pending = await pendingSignIn();
  if (!pending) return { ok: false, message: EXPIRED };
  return ceremony(() => passkeyAuthenticationOptions(pending.userId));
}

export async function secondStepPasskeyAction(
  challengeId: string,
  response: unknown,
  trust: boolean,
): Promise<CeremonyResult<{ redirectTo: string }>> {
  const pending = await pendingSignIn();
  if (!pending) return { ok: false, message: EXPIRED };
  return ceremony(async () => {
    const person = await verifyPasskeyAuthentication({ challengeId, response }, await requestContext());
    if (person.id !== pending.userId || !(await completePendingSignIn(pending))) throw new AppError("unauthenticated", EXPIRED);
    await finishSignIn(person.id, person, trust);
    return { redirectTo: safeReturnPath(pending.returnTo) };
  });
}

// ---------- password-less: "Sign in with a passkey" on /signin ----------

export async function passkeySignInOptionsAction(): Promise<
  CeremonyResult<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }>
> {
  return ceremony(() => passkeyAuthenticationOptions(null));
}

export async function passkeySignInAction(
  challengeId: string,
  response: unknown,
  callbackUrl: string,
): Promise<CeremonyResult<{ redirectTo: string }>> {
  return ceremony(async () => {
    const person = await verifyPasskeyAuthentication({ challengeId, response }, await requestContext());
    await startSession(person.id);
    await rememberSecondFactor(person.id);
    return { redirectTo: safeReturnPath(callbackUrl) };
  });
}

// ---------- the re-check page /account/verify (step-up) ----------

export async function stepUpCodeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const returnTo = safeReturnPath(form.get("returnTo"), SECURITY_PATH);
  return viewerAction({ returnTo: `/account/verify?returnTo=${encodeURIComponent(returnTo)}` }, async ({ viewer, request }) => {
    await verifySecondFactorCode(actorOf(viewer), String(form.get("code") ?? ""), request);
    await rememberSecondFactor(viewer.user.id);
    redirect(returnTo);
  });
}

export async function stepUpPasskeyOptionsAction(): Promise<
  CeremonyResult<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }>
> {
  const viewer = await requireViewer("/account/verify");
  return ceremony(() => passkeyAuthenticationOptions(viewer.user.id));
}

export async function stepUpPasskeyAction(
  returnTo: string,
  challengeId: string,
  response: unknown,
  _trust: boolean,
): Promise<CeremonyResult<{ redirectTo: string }>> {
  const viewer = await requireViewer("/account/verify");
  return ceremony(async () => {
    const person = await verifyPasskeyAuthentication({ challengeId, response }, await requestContext());
    if (person.id !== viewer.user.id) throw new AppError("unauthenticated", "Use one of your own passkeys.");
    await rememberSecondFactor(viewer.user.id);
    return { redirectTo: safeReturnPath(returnTo, SECURITY_PATH) };
  });
}

// ---------- policy and reset ----------

export async function setCompanyTwoFactorPolicyAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/company/security" }, async ({ viewer, request }) => {
    const company = companyFor(viewer, "security.manage.company");
    const require = form.get("requireTwoFactor") === "1";
    await setCompanyTwoFactorPolicy(actorOf(viewer), company.companyId, require, request);
    revalidatePath("/company/security");
    return {
      ok: true,
      message: require
        ? `${company.companyName} now requires two-step sign-in.`
        : `${company.companyName} no longer requires two-step sign-in.`,
    };
  });
}

export async function resetMemberSecondFactorAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/company/users" }, async ({ viewer, request }) => {
    const company = companyFor(viewer, "security.manage.company");
    const { email } = await resetMemberSecondFactor(actorOf(viewer), company.companyId, String(form.get("membershipId") ?? ""), request);
    return { ok: true, message: `The second factors of ${email} were reset: they set one up again at their next sign-in.` };
  });
}

export async function setPlatformTwoFactorPolicyAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/admin/security" }, async ({ viewer, request }) => {
    requirePlatformAdmin(viewer, "security.manage.platform");
    const require = form.get("requireTwoFactor") === "1";
    await setPlatformTwoFactorPolicy(actorOf(viewer), require, request);
    revalidatePath("/admin/security");
    return {
      ok: true,
      message: require ? "Two-step sign-in is now required platform-wide." : "Two-step sign-in is no longer required platform-wide.",
    };
  });
}
