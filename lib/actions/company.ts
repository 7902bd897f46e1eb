"use server";
// Delegated Administrator actions. Each checks the session and the active company's roles itself;
// lib/companies re-checks the actor's roles in the database inside its transaction and answers
// "not found" for anything of another company.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { reassignApp, restoreApp, suspendApp } from "@/lib/companies/app-ownership";
import { withdrawInvitation } from "@/lib/companies/invitations";
import { addMember, getMember, removeMember, roleList, setMemberRoles } from "@/lib/companies/members";
import { stepUpOrRedirect } from "@/lib/security/two-factor/step-up";
import { formList, formText as str, viewerAction } from "@/lib/server/actions";
import { actorOf, companyFor } from "@/lib/server/session";
import type { ConfirmFormState } from "@/lib/validation/companies";
import type { FormState } from "@/lib/validation/form-state";

const roles = (form: FormData) => formList(form, "roles");

function refresh(): void {
  revalidatePath("/company", "layout");
}

export async function addMemberAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { email: str(form, "email"), roles: roles(form).join(",") };
  return viewerAction({ returnTo: "/company/users", values }, async ({ viewer, request }) => {
    const company = companyFor(viewer, "members.manage");
    // Issue 14: granting Delegated Administrator needs a recent second factor (when enrolled).
    if (roles(form).includes("DELEGATED_ADMIN")) await stepUpOrRedirect(viewer, "/company/users");
    const result = await addMember(actorOf(viewer), company.companyId, { email: values.email, roles: roles(form) }, request);
    refresh();
    if (result.outcome === "added") {
      return {
        ok: true,
        message: `${result.member.user.email} is now a member of ${company.companyName} as ${roleList(result.member.roles.map((r) => r.role))}.`,
      };
    }
    return {
      ok: true,
      message: result.unverified
        ? `${result.invitation.email} has not verified their email yet. The invitation (${roleList(result.invitation.roles)}) is pending and takes effect when they verify this address.`
        : `${result.invitation.email} has no account yet. The invitation (${roleList(result.invitation.roles)}) is pending and takes effect when they sign up with this email and verify it.`,
    };
  });
}

export async function setMemberRolesAction(_prev: ConfirmFormState, form: FormData): Promise<ConfirmFormState> {
  const membershipId = str(form, "membershipId");
  const values = { roles: roles(form).join(",") };
  return viewerAction({ returnTo: "/company/users", values }, async ({ viewer, request }): Promise<ConfirmFormState> => {
    const company = companyFor(viewer, "members.manage");
    if (roles(form).includes("DELEGATED_ADMIN")) {
      const current = await getMember(actorOf(viewer), company.companyId, membershipId);
      if (!current.roles.some((r) => r.role === "DELEGATED_ADMIN"))
        await stepUpOrRedirect(viewer, `/company/users/${encodeURIComponent(membershipId)}`);
    }
    const result = await setMemberRoles(
      actorOf(viewer),
      company.companyId,
      membershipId,
      { roles: roles(form) },
      { confirm: str(form, "confirm") === "1" },
      request,
    );
    refresh();
    if (result.outcome === "needs_confirmation") {
      return {
        values,
        confirm: { apps: result.apps.map((a) => ({ id: a.id, name: a.name, status: a.status })) },
        message: "Taking away API Developer suspends this member's apps in the company. Check the list, then confirm.",
      };
    }
    if (result.outcome === "unchanged") return { ok: true, message: "Nothing changed: the member already holds exactly these roles." };
    // The DA gave up their own Delegated Administrator role: this company's pages are no longer theirs.
    if (!result.actorMayStillManage) redirect("/apps");
    const suspended = result.suspendedApps.length ? ` Suspended: ${result.suspendedApps.map((a) => a.name).join(", ")}.` : "";
    return { ok: true, message: `Roles saved.${suspended}` };
  });
}

export async function removeMemberAction(_prev: ConfirmFormState, form: FormData): Promise<ConfirmFormState> {
  const membershipId = str(form, "membershipId");
  return viewerAction({ returnTo: "/company/users" }, async ({ viewer, request }): Promise<ConfirmFormState> => {
    const company = companyFor(viewer, "members.manage");
    const actor = actorOf(viewer);
    if (str(form, "confirm") !== "1") {
      // The confirm step: what removing the member would suspend, before anything changes.
      const member = await getMember(actor, company.companyId, membershipId);
      return { confirm: { apps: member.apps.map((a) => ({ id: a.id, name: a.name, status: a.status })) } };
    }
    const result = await removeMember(actor, company.companyId, membershipId, { confirm: true }, request);
    refresh();
    redirect(
      result.outcome === "removed" && !result.actorMayStillManage ? "/apps" : `/company/users?removed=${encodeURIComponent(membershipId)}`,
    );
  });
}

export async function withdrawInvitationAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/company/users" }, async ({ viewer, request }) => {
    const company = companyFor(viewer, "members.manage");
    const { email } = await withdrawInvitation(actorOf(viewer), company.companyId, str(form, "invitationId"), {}, request);
    refresh();
    return { ok: true, message: `The invitation for ${email} was withdrawn.` };
  });
}

export async function reassignAppAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/company/apps" }, async ({ viewer, request }) => {
    const company = companyFor(viewer, "apps.manage.company");
    const app = await reassignApp(actorOf(viewer), company.companyId, str(form, "appId"), { toUserId: str(form, "toUserId") }, request);
    refresh();
    const secret = app.newSecretIssued ? " A new Client Secret was issued: only the new owner can reveal it." : "";
    return { ok: true, message: `${app.name} now belongs to ${app.owner?.email ?? "nobody"} and is ${app.status.toLowerCase()}.${secret}` };
  });
}

/** Restores (to=ACTIVE) or suspends (to=SUSPENDED, with an optional reason) one app of the company. */
export async function setAppStatusAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/company/apps" }, async ({ viewer, request }) => {
    const company = companyFor(viewer, "apps.manage.company");
    const actor = actorOf(viewer);
    const to = str(form, "to");
    if (to === "ACTIVE") {
      const app = await restoreApp(actor, company.companyId, str(form, "appId"), request);
      refresh();
      return { ok: true, message: `${app.name} is active again.` };
    }
    if (to === "SUSPENDED") {
      const app = await suspendApp(actor, company.companyId, str(form, "appId"), { reason: str(form, "reason") }, request);
      refresh();
      return { ok: true, message: `${app.name} is suspended: it gets no tokens until it is restored.` };
    }
    return { ok: false, message: "Choose to restore or to suspend the app." };
  });
}
