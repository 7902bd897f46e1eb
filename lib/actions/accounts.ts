"use server";
// Server actions of accounts by mail: verification, "Forgot password?", reset, /account (name, email,
// password, notices, sessions) and accepting an invitation. Each checks the session itself and hands
// the work to lib/users or lib/companies; errors become form states through formError.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { acceptInvitationByToken } from "@/lib/companies/invitations";
import { enforce } from "@/lib/limiter";
import { formError } from "@/lib/server/actions";
import { requestContext } from "@/lib/server/request-context";
import { getViewer, requireViewer } from "@/lib/server/session";
import { changePassword, requestPasswordReset, resetPassword } from "@/lib/users/password-reset";
import { setNoticesEnabled, updateName } from "@/lib/users/profile";
import { endSession, endSessions } from "@/lib/users/sessions";
import { requestEmailChange, resendVerification } from "@/lib/users/verification";
import type { FormState } from "@/lib/validation/form-state";

const str = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === "string" ? v : "";
};

export async function resendVerificationAction(_prev: FormState): Promise<FormState> {
  const viewer = await requireViewer("/verify-email", { allowUnverified: true });
  try {
    const { email } = await resendVerification(viewer.user.id);
    return { ok: true, message: `We sent a new verification link to ${email}.` };
  } catch (error) {
    return formError(error);
  }
}

export async function forgotPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = str(form, "email");
  try {
    const ctx = await requestContext();
    await enforce("signIn", ctx.ip, "Too many requests from your address.");
    const message = await requestPasswordReset(email, ctx);
    return { ok: true, message, values: { email } };
  } catch (error) {
    return formError(error, { email });
  }
}

export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    await resetPassword(str(form, "token"), str(form, "password"), await requestContext());
  } catch (error) {
    return formError(error);
  }
  redirect("/signin?reset=1");
}

export async function updateNameAction(_prev: FormState, form: FormData): Promise<FormState> {
  const viewer = await requireViewer("/account", { allowUnverified: true });
  try {
    await updateName(viewer.user.id, str(form, "name"), await requestContext());
    revalidatePath("/account");
    return { ok: true, message: "Your name was saved." };
  } catch (error) {
    return formError(error, { name: str(form, "name") });
  }
}

export async function changeEmailAction(_prev: FormState, form: FormData): Promise<FormState> {
  const viewer = await requireViewer("/account", { allowUnverified: true });
  try {
    const { email } = await requestEmailChange(viewer.user.id, str(form, "email"), await requestContext());
    revalidatePath("/account");
    return { ok: true, message: `We sent a verification link to ${email}. Your email changes when you follow it.` };
  } catch (error) {
    return formError(error, { email: str(form, "email") });
  }
}

export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const viewer = await requireViewer("/account", { allowUnverified: true });
  try {
    await changePassword(viewer.user.id, { current: str(form, "currentPassword"), next: str(form, "newPassword") }, viewer.sessionId, await requestContext());
    revalidatePath("/account");
    return { ok: true, message: "Your password was changed. Your other sessions were signed out." };
  } catch (error) {
    return formError(error);
  }
}

export async function setNoticesAction(_prev: FormState, form: FormData): Promise<FormState> {
  const viewer = await requireViewer("/account", { allowUnverified: true });
  try {
    const enabled = str(form, "notices") === "on";
    await setNoticesEnabled(viewer.user.id, enabled, await requestContext());
    revalidatePath("/account");
    return { ok: true, message: enabled ? "You will get notices by email." : "Notices are off. Security mail (resets, locks, password changes) still arrives." };
  } catch (error) {
    return formError(error);
  }
}

export async function endSessionAction(_prev: FormState, form: FormData): Promise<FormState> {
  const viewer = await requireViewer("/account", { allowUnverified: true });
  try {
    await endSession(viewer.user.id, str(form, "sessionId"));
    revalidatePath("/account");
    return { ok: true, message: "That session was signed out." };
  } catch (error) {
    return formError(error);
  }
}

export async function endAllSessionsAction(_prev: FormState): Promise<FormState> {
  const viewer = await requireViewer("/account", { allowUnverified: true });
  await endSessions(viewer.user.id);
  redirect("/signin");
}

export async function acceptInvitationAction(_prev: FormState, form: FormData): Promise<FormState> {
  const viewer = await getViewer();
  const token = str(form, "token");
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(`/invitations/${token}`)}`);
  try {
    const { companyName } = await acceptInvitationByToken(viewer.user, token, await requestContext());
    revalidatePath("/", "layout");
    return { ok: true, message: `You joined ${companyName}.` };
  } catch (error) {
    return formError(error);
  }
}

/** "Resend" on a pending invitation: the company's DA (active company), or the platform administrator (companyId given). */
export async function resendInvitationAction(_prev: FormState, form: FormData): Promise<FormState> {
  const viewer = await requireViewer("/company/users");
  try {
    const { resendInvitation } = await import("@/lib/companies/invitations");
    const { actorOf, companyFor } = await import("@/lib/server/session");
    const companyId = str(form, "companyId");
    const asPlatformAdmin = Boolean(companyId) && viewer.user.isPlatformAdmin;
    const target = asPlatformAdmin ? companyId : companyFor(viewer, "members.manage").companyId;
    const { email } = await resendInvitation(actorOf(viewer), target, str(form, "invitationId"), { asPlatformAdmin }, await requestContext());
    revalidatePath("/", "layout");
    return { ok: true, message: `The invitation for ${email} was sent again with a new link.` };
  } catch (error) {
    return formError(error);
  }
}
