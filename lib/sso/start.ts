import "server-only";
// Where `/signin/sso` starts: the company that verified the address's domain, its sign-in connection,
// then the protocol's own start (OpenID Connect: ./signin.ts `beginOidc`; SAML: ./saml-signin.ts
// `beginSaml`). Kept apart from both so that neither imports the other.
import { AppError } from "../errors";
import type { RequestContext } from "../server/request-context";
import { emailSchema } from "../validation/common";
import { signInConnectionOf } from "./connections";
import { emailDomain, verifiedDomainCompany } from "./domains";
import { beginSaml } from "./saml-signin";
import { beginOidc, type StartedSignIn } from "./signin";

const NO_SSO = (domain: string) =>
  `Single sign-on is not set up for ${domain || "that address"}. Sign in with your password, or ask your company's administrator.`;

/** The identity provider's sign-in URL for the address, or a field error when its domain has no SSO. */
export async function startSsoSignIn(input: { email: unknown; returnTo: string }, ctx: RequestContext | null): Promise<StartedSignIn> {
  const parsed = emailSchema.safeParse(input.email);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Enter your email address.";
    throw new AppError("validation", message, { fieldErrors: { email: [message] } });
  }
  const email = parsed.data;
  const companyId = await verifiedDomainCompany(email);
  const connection = companyId ? await signInConnectionOf(companyId) : null;
  if (!connection) {
    const message = NO_SSO(emailDomain(email));
    throw new AppError("validation", message, { fieldErrors: { email: [message] } });
  }
  if (connection.protocol === "SAML") return beginSaml(connection.id, { returnTo: input.returnTo, purpose: "SIGN_IN" });
  return beginOidc(connection, { returnTo: input.returnTo, loginHint: email, purpose: "SIGN_IN", ctx });
}
