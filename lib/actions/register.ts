"use server";
import { redirect } from "next/navigation";
import type { RegistrationFormState } from "@/components/apps/registration-form-state";
import { appActorFor } from "@/lib/apps/access";
import { registerApp } from "@/lib/apps/register-app";
import { AppError } from "@/lib/errors";
import { rememberNewApp } from "@/lib/security/reauth";
import { formError } from "@/lib/server/actions";
import { requestContext } from "@/lib/server/request-context";
import { requireViewer } from "@/lib/server/session";
import { registrationFromForm } from "@/lib/validation/app-registration";

export async function registerAppAction(_prev: RegistrationFormState, form: FormData): Promise<RegistrationFormState> {
  const viewer = await requireViewer("/apps/register");
  const input = registrationFromForm(form);
  const kept: RegistrationFormState = {
    values: {
      name: input.name,
      description: input.description ?? "",
      redirectUri: input.redirectUri ?? "",
      allowedOrigins: input.allowedOrigins ?? "",
      postLogoutRedirectUri: input.postLogoutRedirectUri ?? "",
    },
    selected: { grantTypes: input.grantTypes ?? [], apiIds: input.apiIds ?? [], acceptTerms: Boolean(input.acceptTerms), kind: input.kind ?? "" },
  };
  let appId: string;
  try {
    const actor = appActorFor(viewer);
    if (!actor) throw new AppError("forbidden", "Join a company as an API Developer to register applications.");
    const app = await registerApp(actor, input, await requestContext());
    await rememberNewApp(app.id, viewer.user.id);
    appId = app.id;
  } catch (error) {
    return { ...formError(error), ...kept };
  }
  redirect(`/apps/${appId}?registered=1`);
}
