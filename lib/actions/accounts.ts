"use server";
// Server actions of accounts by mail: verification, "Forgot password?", reset, /account (name, email,
// password, notices, sessions) and accepting an invitation. Each checks the session itself and hands
// the work to lib/users or lib/companies, inside the one action wrapper (lib/server/actions.ts).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { acceptInvitationByToken, resendInvitation } from "@/lib/companies/invitations";
import { enforce } from "@/lib/limiter";
import { canPlatform } from "@/lib/permissions";
import { formText as str, publicAction, viewerAction } from "@/lib/server/actions";
import { actorOf, companyFor, getViewer } from "@/lib/server/session";
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

export async function forgotPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = str(form, "email");
  return publicAction(
    async ({ request }) => {
      await enforce("signIn", request.ip, "Too many requests from your address.");
      const message = await requestPasswordReset(email, request);
      return { ok: true, message, values: { email } };
    },
    { email },
  );
}

export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  return publicAction(async ({ request }) => {
    await resetPassword(str(form, "token"), str(form, "password"), request);
    redirect("/signin?reset=1");
  });
}

export async function updateNameAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ ...account, values: { name: str(form, "name") } }, async ({ viewer, request }) => {
    await updateName(viewer.user.id, str(form, "name"), request);
    revalidatePath("/account");
    return { ok: true, message: "Your name was saved." };
  });
}

export async function changeEmailAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ ...account, values: { email: str(form, "email") } }, async ({ viewer, request }) => {
    const { email } = await requestEmailChange(viewer.user.id, str(form, "email"), request);
    revalidatePath("/account");
    return { ok: true, message: `We sent a verification link to ${email}. Your email changes when you follow it.` };
  });
}

export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction(account, async ({ viewer, request }) => {
    await changePassword(
      viewer.user.id,
      { current: str(form, "currentPassword"), next: str(form, "newPassword") },
      viewer.sessionId,
      request,
    );
    revalidatePath("/account");
    return { ok: true, message: "Your password was changed. Your other sessions were signed out." };
  });
}

export async function setNoticesAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction(account, async ({ viewer, request }) => {
    const enabled = str(form, "notices") === "on";
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

export async function endSessionAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction(account, async ({ viewer }) => {
    await endSession(viewer.user.id, str(form, "sessionId"));
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

export async function acceptInvitationAction(_prev: FormState, form: FormData): Promise<FormState> {
  const token = str(form, "token");
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
export async function resendInvitationAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/company/users" }, async ({ viewer, request }) => {
    const companyId = str(form, "companyId");
    const asPlatformAdmin = Boolean(companyId) && canPlatform(viewer.user, "companies.manage");
    const target = asPlatformAdmin ? companyId : companyFor(viewer, "members.manage").companyId;
    const { email } = await resendInvitation(actorOf(viewer), target, str(form, "invitationId"), { asPlatformAdmin }, request);
    revalidatePath("/", "layout");
    return { ok: true, message: `The invitation for ${email} was sent again with a new link.` };
  });
}
