"use server";
// Server actions of two-step sign-in: /account/security, the second step of signing in
// (/signin/two-step), password-less passkey sign-in on /signin, the re-check page (/account/verify), the
// company policy and a Delegated Administrator's reset. Each checks the session (or the pending
// sign-in) itself, then calls lib/security/two-factor, which checks again and audits.
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { startSession } from "@/lib/auth/start-session";
import { AppError } from "@/lib/errors";
import { canPlatform } from "@/lib/permissions";
import { rememberReauth } from "@/lib/security/reauth";
import {
  confirmTotpSetup,
  hasSecondFactor,
  regenerateRecoveryCodes,
  removeTotp,
  type ResetAuthority,
  resetSecondFactor,
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
import { proofOrRedirect, rememberSecondFactor, stepUpOrRedirect } from "@/lib/security/two-factor/step-up";
import { revokeTrustedBrowsers, trustThisBrowser } from "@/lib/security/two-factor/trusted-browsers";
import { actionFailure, checkbox, formInput, formText, publicFormAction, safeReturnPath, viewerAction } from "@/lib/server/actions";
import { requestContext } from "@/lib/server/request-context";
import { actorOf, companyFor, requirePlatformAdmin, requireViewer } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";
import { checkOwnPassword } from "./password-proof";

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

// Adding, removing or replacing a factor, and new recovery codes, need a fresh proof with what the
// person already has (proofOrRedirect: an existing factor, or the password when there is none yet).
// Enrolling never counts as a proof: no action here calls rememberSecondFactor after an enrolment.

export async function startTotpSetupAction(): Promise<void> {
  const viewer = await requireViewer(SECURITY_PATH);
  await proofOrRedirect(viewer, `${SECURITY_PATH}?resume=totp`);
  await startTotpSetup(actorOf(viewer));
  redirect(`${SECURITY_PATH}?setup=totp`);
}

// Each form's fields, declared beside its action; lib/security/two-factor checks the codes themselves.
const codeInput = z.object({ code: z.string() });
export async function confirmTotpSetupAction(_prev: RecoveryCodesState, form: FormData): Promise<RecoveryCodesState> {
  return viewerAction({ returnTo: SECURITY_PATH, schema: codeInput, form }, async ({ viewer, request, input }) => {
    const { recoveryCodes } = await confirmTotpSetup(actorOf(viewer), input.code, request);
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
  await proofOrRedirect(viewer, SECURITY_PATH);
  await removeTotp(actorOf(viewer), await requestContext());
  redirect(`${SECURITY_PATH}?removed=totp`);
}

export async function regenerateRecoveryCodesAction(_prev: RecoveryCodesState, _form: FormData): Promise<RecoveryCodesState> {
  return viewerAction({ returnTo: SECURITY_PATH }, async ({ viewer, request }) => {
    await proofOrRedirect(viewer, `${SECURITY_PATH}?resume=recovery`);
    const codes = await regenerateRecoveryCodes(actorOf(viewer), request);
    revalidatePath(SECURITY_PATH);
    return { ok: true, message: "New recovery codes: the old ones no longer work.", recoveryCodes: codes };
  });
}

export async function passkeyRegistrationOptionsAction(): Promise<
  CeremonyResult<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }>
> {
  const viewer = await requireViewer(SECURITY_PATH);
  await proofOrRedirect(viewer, `${SECURITY_PATH}?resume=passkey`);
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
    revalidatePath(SECURITY_PATH);
    return { recoveryCodes: result.recoveryCodes };
  });
}

const passkeyInput = z.object({ passkeyId: z.string() });
export async function removePasskeyAction(form: FormData): Promise<void> {
  const viewer = await requireViewer(SECURITY_PATH);
  await proofOrRedirect(viewer, SECURITY_PATH);
  await removePasskey(actorOf(viewer), formInput(passkeyInput, form).passkeyId, await requestContext());
  redirect(`${SECURITY_PATH}?removed=passkey`);
}

/** One trusted browser, or every one when the form names none. */
const browserInput = z.object({ browserId: z.string().default("all") });
export async function revokeTrustedBrowserAction(form: FormData): Promise<void> {
  const viewer = await requireViewer(SECURITY_PATH);
  await revokeTrustedBrowsers(actorOf(viewer), formInput(browserInput, form).browserId, await requestContext());
  redirect(`${SECURITY_PATH}?revoked=1`);
}

// ---------- the second step of signing in ----------

async function finishSignIn(userId: string, person: { id: string; email: string }, trust: boolean): Promise<void> {
  await startSession(userId);
  await rememberSecondFactor(userId);
  if (trust) await trustThisBrowser(person, await requestContext());
}

const EXPIRED = "Your sign-in expired. Sign in again.";

const secondStepInput = z.object({ code: z.string(), trust: checkbox("1") });
export async function secondStepCodeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const pending = await pendingSignIn();
  if (!pending) redirect("/signin?expired=1");
  return publicFormAction({ schema: secondStepInput, form }, async ({ request, input }) => {
    const person = { id: pending.userId, email: pending.email };
    await verifySecondFactorCode(person, input.code, request);
    if (!(await completePendingSignIn(pending))) throw new AppError("unauthenticated", EXPIRED);
    await finishSignIn(pending.userId, person, input.trust);
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

/** Where the re-check page goes on to; read before the session check, since signing in returns to the re-check page itself. */
const stepUpReturn = (form: FormData) => safeReturnPath(formText(form, "returnTo"), SECURITY_PATH);
const stepUpPage = (returnTo: string) => `/account/verify?returnTo=${encodeURIComponent(returnTo)}`;

export async function stepUpCodeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const returnTo = stepUpReturn(form);
  return viewerAction({ returnTo: stepUpPage(returnTo), schema: codeInput, form }, async ({ viewer, request, input }) => {
    await verifySecondFactorCode(actorOf(viewer), input.code, request);
    await rememberSecondFactor(viewer.user.id);
    redirect(returnTo);
  });
}

const passwordInput = z.object({ password: z.string() });
/** The re-check for someone without a second factor: their password (throttled like sign-in). */
export async function stepUpPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const returnTo = stepUpReturn(form);
  return viewerAction({ returnTo: stepUpPage(returnTo), schema: passwordInput, form }, async ({ viewer, request, input }) => {
    const { password } = input;
    if (!password) throw new AppError("validation", "Enter your password.", { fieldErrors: { password: ["Enter your password."] } });
    await checkOwnPassword(viewer, password, request);
    await rememberReauth(viewer);
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

const policyInput = z.object({ requireTwoFactor: checkbox("1") });
export async function setCompanyTwoFactorPolicyAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/company/security", schema: policyInput, form }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "security.manage.company");
    const require = input.requireTwoFactor;
    await setCompanyTwoFactorPolicy(actorOf(viewer), company.companyId, require, request);
    revalidatePath("/company/security");
    // The policy applies to its author too: without a factor, straight to setting one up (it says the policy saved).
    if (require && !(await hasSecondFactor(viewer.user.id))) redirect(`${SECURITY_PATH}?required=1&saved=policy`);
    return {
      ok: true,
      message: require
        ? `${company.companyName} now requires two-step sign-in.`
        : `${company.companyName} no longer requires two-step sign-in.`,
    };
  });
}

/**
 * Resets another person's second factors: the platform administrator (any account, with a reason), or a
 * Delegated Administrator of a company that owns the account's verified email domain (lib/security/
 * two-factor/factors.ts resetSecondFactor decides, inside its transaction). The actor proves it is them
 * first: a fresh second factor (the re-check page), or their password in the form when they have none.
 */
const resetInput = z.object({ userId: z.string(), email: z.string(), reason: z.string(), password: z.string() });
export async function resetSecondFactorAction(_prev: FormState, form: FormData): Promise<FormState> {
  const returnTo = safeReturnPath(formText(form, "returnTo"), "/admin/security");
  const declared = { schema: resetInput, form, keepFields: ["email", "reason"] } as const;
  return viewerAction({ returnTo, ...declared }, async ({ viewer, request, input }) => {
    if (await hasSecondFactor(viewer.user.id)) {
      await stepUpOrRedirect(viewer, returnTo);
    } else {
      const wrong = { fieldErrors: { password: ["Enter your own password to confirm it is you."] } };
      if (!input.password) throw new AppError("validation", "Enter your own password to confirm it is you.", wrong);
      await checkOwnPassword(viewer, input.password, request);
    }
    const { reason } = input;
    const authority: ResetAuthority = canPlatform(viewer.user, "security.manage.platform")
      ? { kind: "platform", reason }
      : { kind: "company", companyId: companyFor(viewer, "security.manage.company").companyId, reason };
    const { email } = await resetSecondFactor(actorOf(viewer), { userId: input.userId, email: input.email }, authority, request);
    revalidatePath(returnTo.split("?")[0]!);
    return { ok: true, message: `The second factors of ${email} were reset: they set one up again at their next sign-in.` };
  });
}

export async function setPlatformTwoFactorPolicyAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/admin/security", schema: policyInput, form }, async ({ viewer, request, input }) => {
    requirePlatformAdmin(viewer, "security.manage.platform");
    const require = input.requireTwoFactor;
    await setPlatformTwoFactorPolicy(actorOf(viewer), require, request);
    revalidatePath("/admin/security");
    if (require && !(await hasSecondFactor(viewer.user.id))) redirect(`${SECURITY_PATH}?required=1&saved=policy`);
    return {
      ok: true,
      message: require ? "Two-step sign-in is now required platform-wide." : "Two-step sign-in is no longer required platform-wide.",
    };
  });
}
