// Factories for the apps tests: a company with a developer, actors, and a valid registration.
import type { AppActor } from "../lib/apps/access";
import { registerApp } from "../lib/apps/register-app";
import { db } from "../lib/db";
import type { Role } from "../lib/permissions";
import { ensureCatalogDefaults } from "../lib/server/bootstrap";
import type { AppRegistrationInput } from "../lib/validation/app-registration";
import { addMember, makeApi, makeCompany, makeUser } from "./factories";

let n = 0;
export const uniqueName = (label = "App") => `${label} ${process.pid}-${Date.now().toString(36)}-${++n}`;
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

/** A new company with one API Developer; also a private API only this company may use. */
export async function makeDeveloperCompany() {
  const { hello } = await catalog();
  const company = await makeCompany();
  const user = await makeUser();
  await addMember(company.id, user.id, ["API_DEVELOPER"]);
  return { company, user, hello, actor: actorOf(user, company, ["API_DEVELOPER"]) };
}

export async function addPerson(company: { id: string }, roles: Role[]) {
  const user = await makeUser();
  await addMember(company.id, user.id, roles);
  return { user, actor: actorOf(user, company, roles) };
}

export function registration(apiId: string, overrides: Partial<AppRegistrationInput> = {}): AppRegistrationInput {
  return { name: uniqueName(), description: "", grantTypes: ["client_credentials"], redirectUri: "", apiIds: [apiId], acceptTerms: true, ...overrides };
}

export async function registered(actor: AppActor, apiId: string, overrides: Partial<AppRegistrationInput> = {}) {
  return registerApp(actor, registration(apiId, overrides), ctx);
}

export { makeApi };
