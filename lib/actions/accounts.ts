"use server";
// Server actions of accounts by mail: verification, "Forgot password?", reset, /account (name, email,
// password, notices, sessions) and accepting an invitation. Each checks the session itself and hands
// the work to lib/users or lib/companies, inside the one action wrapper (lib/server/actions.ts).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { acceptInvitationByToken, resendInvitation } from "@/lib/companies/invitations";
import { leaveCompany } from "@/lib/companies/members";
import { enforce } from "@/lib/limiter";
import { canPlatform } from "@/lib/permissions";
import { formInput, publicAction, publicFormAction, viewerAction } from "@/lib/server/actions";
import { actorOf, companyFor, getViewer } from "@/lib/server/session";
import { assertPasswordAllowedForAddress } from "@/lib/sso/policy";
import { changePassword, requestPasswordReset, resetPassword } from "@/lib/users/password-reset";
import { setNoticesEnabled, updateName } from "@/lib/users/profile";
import { endSession, endSessions } from "@/lib/users/sessions";
import { requestEmailChange, resendVerification } from "@/lib/users/verification";
import type { FormState } from "@/lib/validation/form-state";

/** /account and /verify-email: open to an account that has not verified its address yet. */
const account = { returnTo: "/account", allowUnverified: true } as const;

export async function resendVerificationAction(_prev: FormState): Promise<FormState> {
  return viewerAction({ returnTo: "/verify-email", allowUnverified: true }, async ({ viewer }) => {
    const { email } = await resendVerification(viewer.user.id);
    return { ok: true, message: `We sent a new verification link to ${email}.` };
  });
}

// Each action's form fields, declared beside it: plain text here; lib/users checks its own rules (length,
// address, password policy) again and answers with field errors.
const emailInput = z.object({ email: z.string() });
export async function forgotPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  return publicFormAction({ schema: emailInput, form, keepFields: ["email"] }, async ({ request, input: { email } }) => {
    await enforce("signIn", request.ip, "Too many requests from your address.");
    await assertPasswordAllowedForAddress(email, "reset");
    const message = await requestPasswordReset(email, request);
    return { ok: true, message, values: { email } };
  });
}

const resetInput = z.object({ token: z.string(), password: z.string() });
export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  return publicFormAction({ schema: resetInput, form }, async ({ request, input }) => {
    await resetPassword(input.token, input.password, request);
    redirect("/signin?reset=1");
  });
}

const nameInput = z.object({ name: z.string() });
export async function updateNameAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ ...account, schema: nameInput, form, keepFields: ["name"] }, async ({ viewer, request, input }) => {
    await updateName(viewer.user.id, input.name, request);
    revalidatePath("/account");
    return { ok: true, message: "Your name was saved." };
  });
}

export async function changeEmailAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ ...account, schema: emailInput, form, keepFields: ["email"] }, async ({ viewer, request, input }) => {
    const { email } = await requestEmailChange(viewer.user.id, input.email, request);
    revalidatePath("/account");
    return { ok: true, message: `We sent a verification link to ${email}. Your email changes when you follow it.` };
  });
}

const passwordInput = z.object({ currentPassword: z.string(), newPassword: z.string() });
export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ ...account, schema: passwordInput, form }, async ({ viewer, request, input }) => {
    await changePassword(viewer.user.id, { current: input.currentPassword, next: input.newPassword }, viewer.sessionId, request);
    revalidatePath("/account");
    return { ok: true, message: "Your password was changed. Your other sessions were signed out." };
  });
}

const noticesInput = z.object({ notices: z.string() });
export async function setNoticesAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ ...account, schema: noticesInput, form }, async ({ viewer, request, input }) => {
    const enabled = input.notices === "on";
    await setNoticesEnabled(viewer.user.id, enabled, request);
    revalidatePath("/account");
    return {
      ok: true,
      message: enabled
        ? "You will get notices by email."
        : "Notices are off. Security mail (resets, locks, password changes) still arrives.",
    };
  });
}

const sessionInput = z.object({ sessionId: z.string() });
export async function endSessionAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ ...account, schema: sessionInput, form }, async ({ viewer, input }) => {
    await endSession(viewer.user.id, input.sessionId);
    revalidatePath("/account");
    return { ok: true, message: "That session was signed out." };
  });
}

export async function endAllSessionsAction(_prev: FormState): Promise<FormState> {
  return viewerAction(account, async ({ viewer }) => {
    await endSessions(viewer.user.id);
    redirect("/signin");
  });
}

const invitationInput = z.object({ token: z.string() });
export async function acceptInvitationAction(_prev: FormState, form: FormData): Promise<FormState> {
  // Read before the session check: signing in returns to this invitation's page.
  const { token } = formInput(invitationInput, form);
  // Any signed-in account may accept (the invitation binds only to its verified address).
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(`/invitations/${token}`)}`);
  return publicAction(async ({ request }) => {
    const { companyName } = await acceptInvitationByToken(viewer.user, token, request);
    revalidatePath("/", "layout");
    return { ok: true, message: `You joined ${companyName}.` };
  });
}

/** "Resend" on a pending invitation: the company's DA (active company), or the platform administrator (companyId given). */
const resendInput = z.object({ companyId: z.string(), invitationId: z.string() });
export async function resendInvitationAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/company/users", schema: resendInput, form }, async ({ viewer, request, input }) => {
    const { companyId } = input;
    const asPlatformAdmin = Boolean(companyId) && canPlatform(viewer.user, "companies.manage");
    const target = asPlatformAdmin ? companyId : companyFor(viewer, "members.manage").companyId;
    const { email } = await resendInvitation(actorOf(viewer), target, input.invitationId, { asPlatformAdmin }, request);
    revalidatePath("/", "layout");
    return { ok: true, message: `The invitation for ${email} was sent again with a new link.` };
  });
}

/** "Leave company" on /account: the person leaves one of their companies (lib/companies/members.ts leaveCompany). */
const leaveInput = z.object({ companyId: z.string() });
export async function leaveCompanyAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/account", schema: leaveInput, form }, async ({ viewer, request, input }) => {
    const { companyName, suspendedApps } = await leaveCompany(actorOf(viewer), input.companyId, request);
    revalidatePath("/", "layout");
    const apps = suspendedApps.length
      ? ` Your ${suspendedApps.length === 1 ? "app there was" : `${suspendedApps.length} apps there were`} suspended until the company gives ${suspendedApps.length === 1 ? "it" : "them"} a new owner.`
      : "";
    return { ok: true, message: `You left ${companyName}.${apps}` };
  });
}
