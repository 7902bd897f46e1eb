// Vitest only: test data made through the domain modules themselves (they import "server-only",
// which Playwright cannot load) — the catalog defaults, apps registered by registerApp, actors, and the
// client as the token endpoint authenticates it. Rows alone come from the other factories with db().
import { ensureCatalogDefaults } from "../../lib/apis/defaults";
import type { AppActor } from "../../lib/apps/access";
import { registerApp } from "../../lib/apps/register-app";
import { db } from "../../lib/db";
import { authenticateClient, type AuthenticatedClient } from "../../lib/oauth/clients";
import { parseParams } from "../../lib/oauth/params";
import type { Role } from "../../lib/permissions";
import type { AppRegistrationInput } from "../../lib/validation/app-registration";
import { makeCompany } from "./companies";
import { unique } from "./constants";
import { basicHeader, type TestApp } from "./oauth";
import { addMember, makeUser } from "./people";

export const uniqueName = (label = "App") => unique(label);
export const ctx = { ip: "203.0.113.7", userAgent: "vitest" };

/** The Hello API and the current terms exist (test files run in parallel: tolerate the race). */
export async function catalog() {
  for (let attempt = 0; ; attempt++) {
    try {
      await ensureCatalogDefaults();
      break;
    } catch (error) {
      if (attempt > 2) throw error;
    }
  }
  const hello = await db().api.findUniqueOrThrow({ where: { slug: "hello" } });
  return { hello };
}

export function actorOf(user: { id: string; email: string }, company: { id: string; status?: string }, roles: Role[]): AppActor {
  return { user: { id: user.id, email: user.email }, companyId: company.id, companyStatus: company.status ?? "ACTIVE", roles };
}

/** A new company with one API Developer, and the Hello API of the catalog. */
export async function makeDeveloperCompany() {
  const { hello } = await catalog();
  const company = await makeCompany(db());
  const user = await makeUser(db());
  await addMember(db(), company.id, user.id, ["API_DEVELOPER"]);
  return { company, user, hello, actor: actorOf(user, company, ["API_DEVELOPER"]) };
}

export async function addPerson(company: { id: string }, roles: Role[]) {
  const user = await makeUser(db());
  await addMember(db(), company.id, user.id, roles);
  return { user, actor: actorOf(user, company, roles) };
}

export function registration(apiId: string, overrides: Partial<AppRegistrationInput> = {}): AppRegistrationInput {
  return {
    name: uniqueName(),
    description: "",
    grantTypes: ["client_credentials"],
    redirectUri: "",
    apiIds: [apiId],
    acceptTerms: true,
    ...overrides,
  };
}

export async function registered(actor: AppActor, apiId: string, overrides: Partial<AppRegistrationInput> = {}) {
  return registerApp(actor, registration(apiId, overrides), ctx);
}

/** The client as the token endpoint sees it after authentication. */
export async function authenticated(app: TestApp): Promise<AuthenticatedClient> {
  return authenticateClient(basicHeader(app.clientId, app.clientSecret), parseParams(new URLSearchParams()));
}

export const form = (values: Record<string, string>) => parseParams(new URLSearchParams(values));
