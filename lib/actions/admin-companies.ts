"use server";
// Platform administrator actions. Each checks the session and the platform permission itself; the
// domain modules check again in the database inside their transactions.
import { revalidatePath } from "next/cache";
import { setCompanyApiAccess } from "@/lib/companies/api-access";
import { createCompany, describeNominations, nominateDelegatedAdmins, setCompanyStatus } from "@/lib/companies/companies";
import { withdrawInvitation } from "@/lib/companies/invitations";
import { AppError } from "@/lib/errors";
import { canPlatform, type PlatformAction } from "@/lib/permissions";
import { formError } from "@/lib/server/actions";
import { requestContext } from "@/lib/server/request-context";
import { actorOf, requireViewer, type Viewer } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

const str = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === "string" ? v : "";
};

async function platformAdmin(action: PlatformAction): Promise<Viewer> {
  const viewer = await requireViewer("/admin/companies");
  if (!canPlatform(viewer.user, action)) throw new AppError("not_found", "The page was not found.");
  return viewer;
}

function refresh(companyId?: string): void {
  revalidatePath("/admin/companies");
  if (companyId) revalidatePath(`/admin/companies/${companyId}`);
}

export async function createCompanyAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { name: str(form, "name"), daEmails: str(form, "daEmails") };
  try {
    const viewer = await platformAdmin("companies.manage");
    const { company, nominations } = await createCompany(actorOf(viewer), values, await requestContext());
    refresh();
    return { ok: true, message: `${company.name} was created. ${describeNominations(nominations)}`, values: { createdId: company.id } };
  } catch (error) {
    return formError(error, values);
  }
}

export async function nominateAction(_prev: FormState, form: FormData): Promise<FormState> {
  const companyId = str(form, "companyId");
  const values = { daEmails: str(form, "daEmails") };
  try {
    const viewer = await platformAdmin("companies.manage");
    const nominations = await nominateDelegatedAdmins(actorOf(viewer), companyId, values, await requestContext());
    refresh(companyId);
    return { ok: true, message: describeNominations(nominations) };
  } catch (error) {
    return formError(error, values);
  }
}

export async function setCompanyStatusAction(_prev: FormState, form: FormData): Promise<FormState> {
  const companyId = str(form, "companyId");
  try {
    const viewer = await platformAdmin("companies.manage");
    const result = await setCompanyStatus(actorOf(viewer), companyId, str(form, "status"), await requestContext());
    refresh(companyId);
    return {
      ok: true,
      message:
        result.status === "SUSPENDED"
          ? `${result.name} is suspended: its apps get no tokens until it is restored.`
          : `${result.name} is active again: its apps get tokens again.`,
    };
  } catch (error) {
    return formError(error);
  }
}

export async function setApiAccessAction(_prev: FormState, form: FormData): Promise<FormState> {
  const companyId = str(form, "companyId");
  try {
    const viewer = await platformAdmin("companies.apis.manage");
    const r = await setCompanyApiAccess(actorOf(viewer), companyId, { apiId: str(form, "apiId"), access: str(form, "access") }, await requestContext());
    refresh(companyId);
    const what = { default: "follows the catalog default", allow: "is allowed", deny: "is not allowed" }[r.choice];
    return { ok: true, message: r.changed ? `${r.api} ${what} for this company now.` : `Nothing changed: ${r.api} already ${what}.` };
  } catch (error) {
    return formError(error);
  }
}

export async function withdrawNominationAction(_prev: FormState, form: FormData): Promise<FormState> {
  const companyId = str(form, "companyId");
  try {
    const viewer = await platformAdmin("companies.manage");
    const { email } = await withdrawInvitation(actorOf(viewer), companyId, str(form, "invitationId"), { asPlatformAdmin: true }, await requestContext());
    refresh(companyId);
    return { ok: true, message: `The invitation for ${email} was withdrawn.` };
  } catch (error) {
    return formError(error);
  }
}
