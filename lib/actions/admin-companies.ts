"use server";
// Platform administrator actions. Each checks the session and the platform permission itself; the
// domain modules check again in the database inside their transactions.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setCompanyApiAccess } from "@/lib/companies/api-access";
import { createCompany, describeNominations, nominateDelegatedAdmins, setCompanyStatus } from "@/lib/companies/companies";
import { withdrawInvitation } from "@/lib/companies/invitations";
import { AppError } from "@/lib/errors";
import { canPlatform, type PlatformAction } from "@/lib/permissions";
import { type ActionScope, type FormInput, viewerAction } from "@/lib/server/actions";
import { actorOf } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

/** The action wrapper for the platform administrator: the session, then the platform permission (404 otherwise). */
function platformAction<S extends object, T extends z.ZodObject>(
  action: PlatformAction,
  declared: FormInput<T>,
  work: (scope: ActionScope & { input: z.output<T> }) => Promise<S>,
) {
  return viewerAction<S, T>({ returnTo: "/admin/companies", ...declared }, async (scope) => {
    if (!canPlatform(scope.viewer.user, action)) throw new AppError("not_found", "The page was not found.");
    return work(scope);
  });
}

function refresh(companyId?: string): void {
  revalidatePath("/admin/companies");
  if (companyId) revalidatePath(`/admin/companies/${companyId}`);
}

// Each form's fields, declared beside its action; lib/companies checks names, addresses and ids itself.
const createCompanyInput = z.object({ name: z.string(), daEmails: z.string() });
export async function createCompanyAction(_prev: FormState, form: FormData): Promise<FormState> {
  const declared = { schema: createCompanyInput, form, keepFields: ["name", "daEmails"] } as const;
  return platformAction("companies.manage", declared, async ({ viewer, request, input }) => {
    const { company, nominations } = await createCompany(actorOf(viewer), input, request);
    refresh();
    return { ok: true, message: `${company.name} was created. ${describeNominations(nominations)}`, values: { createdId: company.id } };
  });
}

const nominateInput = z.object({ companyId: z.string(), daEmails: z.string() });
export async function nominateAction(_prev: FormState, form: FormData): Promise<FormState> {
  const declared = { schema: nominateInput, form, keepFields: ["daEmails"] } as const;
  return platformAction("companies.manage", declared, async ({ viewer, request, input: { companyId, daEmails } }) => {
    const nominations = await nominateDelegatedAdmins(actorOf(viewer), companyId, { daEmails }, request);
    refresh(companyId);
    return { ok: true, message: describeNominations(nominations) };
  });
}

const companyStatusInput = z.object({ companyId: z.string(), status: z.string() });
export async function setCompanyStatusAction(_prev: FormState, form: FormData): Promise<FormState> {
  return platformAction("companies.manage", { schema: companyStatusInput, form }, async ({ viewer, request, input }) => {
    const result = await setCompanyStatus(actorOf(viewer), input.companyId, input.status, request);
    refresh(input.companyId);
    return {
      ok: true,
      message:
        result.status === "SUSPENDED"
          ? `${result.name} is suspended: its apps get no tokens until it is restored.`
          : `${result.name} is active again: its apps get tokens again.`,
    };
  });
}

const apiAccessInput = z.object({ companyId: z.string(), apiId: z.string(), access: z.string() });
export async function setApiAccessAction(_prev: FormState, form: FormData): Promise<FormState> {
  return platformAction("companies.apis.manage", { schema: apiAccessInput, form }, async ({ viewer, request, input }) => {
    const { companyId, apiId, access } = input;
    const r = await setCompanyApiAccess(actorOf(viewer), companyId, { apiId, access }, request);
    refresh(companyId);
    const what = { default: "follows the catalog default", allow: "is allowed", deny: "is not allowed" }[r.choice];
    return { ok: true, message: r.changed ? `${r.api} ${what} for this company now.` : `Nothing changed: ${r.api} already ${what}.` };
  });
}

const nominationInput = z.object({ companyId: z.string(), invitationId: z.string() });
export async function withdrawNominationAction(_prev: FormState, form: FormData): Promise<FormState> {
  return platformAction("companies.manage", { schema: nominationInput, form }, async ({ viewer, request, input }) => {
    const { companyId } = input;
    const { email } = await withdrawInvitation(actorOf(viewer), companyId, input.invitationId, { asPlatformAdmin: true }, request);
    refresh(companyId);
    return { ok: true, message: `The invitation for ${email} was withdrawn.` };
  });
}
