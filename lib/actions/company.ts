"use server";
// Delegated Administrator actions. Each checks the session and the active company's roles itself;
// lib/companies re-checks the actor's roles in the database inside its transaction and answers
// "not found" for anything of another company.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { deactivateStaleApps } from "@/lib/apps/stale";
import { reassignApp, restoreApp, suspendApp } from "@/lib/companies/app-ownership";
import { withdrawInvitation } from "@/lib/companies/invitations";
import { addMember, getMember, removeMember, roleList, setMemberRoles } from "@/lib/companies/members";
import { stepUpOrRedirect } from "@/lib/security/two-factor/step-up";
import { viewerAction } from "@/lib/server/actions";
import { actorOf, companyFor } from "@/lib/server/session";
import type { ConfirmFormState } from "@/lib/validation/companies";
import type { FormState } from "@/lib/validation/form-state";

function refresh(): void {
  revalidatePath("/company", "layout");
}

// Each form's fields, declared beside its action; lib/companies checks addresses, roles and ids itself.
// The ticked roles come back joined by commas when the action fails, as the forms read them.
const addMemberInput = z.object({ email: z.string(), roles: z.array(z.string()) });
export async function addMemberAction(_prev: FormState, form: FormData): Promise<FormState> {
  const declared = { schema: addMemberInput, form, keepFields: ["email", "roles"] } as const;
  return viewerAction({ returnTo: "/company/users", ...declared }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "members.manage");
    // Granting Delegated Administrator needs a recent second factor (when enrolled): it hands over the company.
    if (input.roles.includes("DELEGATED_ADMIN")) await stepUpOrRedirect(viewer, "/company/users");
    const result = await addMember(actorOf(viewer), company.companyId, input, request);
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

const memberRolesInput = z.object({ membershipId: z.string(), roles: z.array(z.string()), confirm: z.string() });
export async function setMemberRolesAction(_prev: ConfirmFormState, form: FormData): Promise<ConfirmFormState> {
  const declared = { schema: memberRolesInput, form, keepFields: ["roles"] } as const;
  return viewerAction({ returnTo: "/company/users", ...declared }, async ({ viewer, request, input }): Promise<ConfirmFormState> => {
    const { membershipId, roles } = input;
    const company = companyFor(viewer, "members.manage");
    if (roles.includes("DELEGATED_ADMIN")) {
      const current = await getMember(actorOf(viewer), company.companyId, membershipId);
      if (!current.roles.some((r) => r.role === "DELEGATED_ADMIN"))
        await stepUpOrRedirect(viewer, `/company/users/${encodeURIComponent(membershipId)}`);
    }
    const result = await setMemberRoles(
      actorOf(viewer),
      company.companyId,
      membershipId,
      { roles },
      { confirm: input.confirm === "1" },
      request,
    );
    refresh();
    if (result.outcome === "needs_confirmation") {
      return {
        values: { roles: roles.join(",") },
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

const removeMemberInput = z.object({ membershipId: z.string(), confirm: z.string() });
export async function removeMemberAction(_prev: ConfirmFormState, form: FormData): Promise<ConfirmFormState> {
  return viewerAction(
    { returnTo: "/company/users", schema: removeMemberInput, form },
    async ({ viewer, request, input }): Promise<ConfirmFormState> => {
      const { membershipId } = input;
      const company = companyFor(viewer, "members.manage");
      const actor = actorOf(viewer);
      if (input.confirm !== "1") {
        // The confirm step: what removing the member would suspend, before anything changes.
        const member = await getMember(actor, company.companyId, membershipId);
        return { confirm: { apps: member.apps.map((a) => ({ id: a.id, name: a.name, status: a.status })) } };
      }
      const result = await removeMember(actor, company.companyId, membershipId, { confirm: true }, request);
      refresh();
      redirect(
        result.outcome === "removed" && !result.actorMayStillManage
          ? "/apps"
          : `/company/users?removed=${encodeURIComponent(membershipId)}`,
      );
    },
  );
}

const invitationInput = z.object({ invitationId: z.string() });
export async function withdrawInvitationAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/company/users", schema: invitationInput, form }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "members.manage");
    const { email } = await withdrawInvitation(actorOf(viewer), company.companyId, input.invitationId, {}, request);
    refresh();
    return { ok: true, message: `The invitation for ${email} was withdrawn.` };
  });
}

const reassignInput = z.object({ appId: z.string(), toUserId: z.string() });
export async function reassignAppAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/company/apps", schema: reassignInput, form }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "apps.manage.company");
    const app = await reassignApp(actorOf(viewer), company.companyId, input.appId, { toUserId: input.toUserId }, request);
    refresh();
    const secret = app.newSecretIssued ? " A new Client Secret was issued: only the new owner can reveal it." : "";
    return { ok: true, message: `${app.name} now belongs to ${app.owner?.email ?? "nobody"} and is ${app.status.toLowerCase()}.${secret}` };
  });
}

/** Restores (to=ACTIVE) or suspends (to=SUSPENDED, with an optional reason) one app of the company. */
const appStatusInput = z.object({ appId: z.string(), to: z.string(), reason: z.string() });
export async function setCompanyAppStatusAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/company/apps", schema: appStatusInput, form }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "apps.manage.company");
    const actor = actorOf(viewer);
    const { to, appId } = input;
    if (to === "ACTIVE") {
      const app = await restoreApp(actor, company.companyId, appId, request);
      refresh();
      return { ok: true, message: `${app.name} is active again.` };
    }
    if (to === "SUSPENDED") {
      const app = await suspendApp(actor, company.companyId, appId, { reason: input.reason }, request);
      refresh();
      return { ok: true, message: `${app.name} is suspended: it gets no tokens until it is restored.` };
    }
    return { ok: false, message: "Choose to restore or to suspend the app." };
  });
}

/** "Deactivate stale apps" (after its confirmation): every stale app of the company becomes inactive. */
export async function deactivateStaleAppsAction(_prev: FormState, _form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/company/apps" }, async ({ viewer, request }) => {
    const company = companyFor(viewer, "apps.manage.company");
    const { names } = await deactivateStaleApps(actorOf(viewer), company.companyId, request);
    refresh();
    if (!names.length) return { ok: true, message: "No app is stale now: nothing was deactivated." };
    return { ok: true, message: `Deactivated ${names.length} stale app${names.length === 1 ? "" : "s"}: ${names.join(", ")}.` };
  });
}
