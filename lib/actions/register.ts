"use server";
import { redirect } from "next/navigation";
import { appActorFor } from "@/lib/apps/access";
import { registerApp } from "@/lib/apps/register-app";
import { AppError } from "@/lib/errors";
import { rememberNewApp } from "@/lib/security/reauth";
import { viewerAction } from "@/lib/server/actions";
import { registrationFromForm } from "@/lib/validation/app-registration";
import type { RegistrationFormState } from "@/lib/validation/registration-form-state";

export async function registerAppAction(_prev: RegistrationFormState, form: FormData): Promise<RegistrationFormState> {
  const input = registrationFromForm(form);
  const kept: RegistrationFormState = {
    values: {
      name: input.name,
      description: input.description ?? "",
      redirectUri: input.redirectUri ?? "",
      allowedOrigins: input.allowedOrigins ?? "",
      postLogoutRedirectUri: input.postLogoutRedirectUri ?? "",
    },
    selected: {
      grantTypes: input.grantTypes ?? [],
      apiIds: input.apiIds ?? [],
      acceptTerms: Boolean(input.acceptTerms),
      kind: input.kind ?? "",
    },
  };
  return viewerAction({ returnTo: "/apps/register", keep: kept }, async ({ viewer, request }) => {
    const actor = appActorFor(viewer);
    if (!actor) throw new AppError("forbidden", "Join a company as an API Developer to register applications.");
    const app = await registerApp(actor, input, request);
    await rememberNewApp(app.id, viewer.user.id);
    redirect(`/apps/${app.id}?registered=1`);
  });
}
