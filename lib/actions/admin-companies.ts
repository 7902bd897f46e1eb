"use server";
// Platform administrator actions. Each checks the session and the platform permission itself; the
// domain modules check again in the database inside their transactions.
import { revalidatePath } from "next/cache";
import { setCompanyApiAccess } from "@/lib/companies/api-access";
import { createCompany, describeNominations, nominateDelegatedAdmins, setCompanyStatus } from "@/lib/companies/companies";
import { withdrawInvitation } from "@/lib/companies/invitations";
import { AppError } from "@/lib/errors";
import { canPlatform, type PlatformAction } from "@/lib/permissions";
import { type ActionScope, formText as str, viewerAction } from "@/lib/server/actions";
import { actorOf } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

/** The action wrapper for the platform administrator: the session, then the platform permission (404 otherwise). */
function platformAction<S extends object>(
  action: PlatformAction,
  values: Record<string, string> | undefined,
  work: (scope: ActionScope) => Promise<S>,
) {
  return viewerAction({ returnTo: "/admin/companies", values }, async (scope) => {
    if (!canPlatform(scope.viewer.user, action)) throw new AppError("not_found", "The page was not found.");
    return work(scope);
  });
}

function refresh(companyId?: string): void {
  revalidatePath("/admin/companies");
  if (companyId) revalidatePath(`/admin/companies/${companyId}`);
}

export async function createCompanyAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { name: str(form, "name"), daEmails: str(form, "daEmails") };
  return platformAction("companies.manage", values, async ({ viewer, request }) => {
    const { company, nominations } = await createCompany(actorOf(viewer), values, request);
    refresh();
    return { ok: true, message: `${company.name} was created. ${describeNominations(nominations)}`, values: { createdId: company.id } };
  });
}

export async function nominateAction(_prev: FormState, form: FormData): Promise<FormState> {
  const companyId = str(form, "companyId");
  const values = { daEmails: str(form, "daEmails") };
  return platformAction("companies.manage", values, async ({ viewer, request }) => {
    const nominations = await nominateDelegatedAdmins(actorOf(viewer), companyId, values, request);
    refresh(companyId);
    return { ok: true, message: describeNominations(nominations) };
  });
}

export async function setCompanyStatusAction(_prev: FormState, form: FormData): Promise<FormState> {
  const companyId = str(form, "companyId");
  return platformAction("companies.manage", undefined, async ({ viewer, request }) => {
    const result = await setCompanyStatus(actorOf(viewer), companyId, str(form, "status"), request);
    refresh(companyId);
    return {
      ok: true,
      message:
        result.status === "SUSPENDED"
          ? `${result.name} is suspended: its apps get no tokens until it is restored.`
          : `${result.name} is active again: its apps get tokens again.`,
    };
  });
}

export async function setApiAccessAction(_prev: FormState, form: FormData): Promise<FormState> {
  const companyId = str(form, "companyId");
  return platformAction("companies.apis.manage", undefined, async ({ viewer, request }) => {
    const r = await setCompanyApiAccess(actorOf(viewer), companyId, { apiId: str(form, "apiId"), access: str(form, "access") }, request);
    refresh(companyId);
    const what = { default: "follows the catalog default", allow: "is allowed", deny: "is not allowed" }[r.choice];
    return { ok: true, message: r.changed ? `${r.api} ${what} for this company now.` : `Nothing changed: ${r.api} already ${what}.` };
  });
}

export async function withdrawNominationAction(_prev: FormState, form: FormData): Promise<FormState> {
  const companyId = str(form, "companyId");
  return platformAction("companies.manage", undefined, async ({ viewer, request }) => {
    const { email } = await withdrawInvitation(actorOf(viewer), companyId, str(form, "invitationId"), { asPlatformAdmin: true }, request);
    refresh(companyId);
    return { ok: true, message: `The invitation for ${email} was withdrawn.` };
  });
}
