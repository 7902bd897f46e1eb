import "server-only";
// "Require SSO for this domain": people of a verified domain whose company connected an identity
// provider and ticked it sign in only through that provider. Password sign-in, password reset and sign-up
// are refused for their addresses, with a message pointing to "Sign in with SSO". The company's
// Delegated Administrators keep a break-glass password sign-in, only with a second factor.
import { rolesIn } from "../companies/guards";
import { db } from "../db";
import { AppError } from "../errors";
import { hasSecondFactor } from "../security/two-factor/factors";
import { emailDomain } from "./domains";

export const ssoRequiredMessage = (domain: string) =>
  `Addresses at ${domain} sign in through your company's identity provider: use “Sign in with SSO”.`;

/** The company requiring SSO for the address's domain (with a connection to sign in through), if any. */
export async function ssoRequirementFor(email: string): Promise<{ companyId: string; domain: string } | null> {
  const domain = emailDomain(email);
  if (!domain) return null;
  const row = await db().companyDomain.findUnique({ where: { verifiedDomain: domain }, select: { companyId: true, requireSso: true } });
  if (!row?.requireSso) return null;
  const connections = await db().ssoConnection.count({ where: { companyId: row.companyId } });
  return connections ? { companyId: row.companyId, domain } : null;
}

/** After the password was checked: refuses unless SSO is not required or this is a DA's break-glass sign-in. */
export async function assertPasswordSignInAllowed(user: { id: string; email: string }): Promise<void> {
  const required = await ssoRequirementFor(user.email);
  if (!required) return;
  if (await breakGlassAllowed(user.id, required.companyId)) return;
  throw new AppError("forbidden", ssoRequiredMessage(required.domain));
}

/** Password reset and sign-up for an address of a domain that requires SSO (a DA with a second factor may reset). */
export async function assertPasswordAllowedForAddress(email: string, purpose: "reset" | "signup"): Promise<void> {
  const required = await ssoRequirementFor(email.trim().toLowerCase());
  if (!required) return;
  if (purpose === "reset") {
    const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
    if (user && (await breakGlassAllowed(user.id, required.companyId))) return;
  }
  const message = ssoRequiredMessage(required.domain);
  throw new AppError("validation", message, { fieldErrors: { email: [message] } });
}

async function breakGlassAllowed(userId: string, companyId: string): Promise<boolean> {
  const roles = await rolesIn(db(), userId, companyId);
  return roles.includes("DELEGATED_ADMIN") && (await hasSecondFactor(userId));
}
