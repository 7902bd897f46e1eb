// OpenID Connect claims per scope (Core 5.4), pure: the consent page lists them, userinfo and the
// id_token give them.
export const SCOPE_CLAIMS = {
  openid: ["sub"],
  profile: ["name", "updated_at"],
  email: ["email", "email_verified"],
} as const;

const LABELS: Record<string, string> = {
  sub: "account identifier",
  name: "name",
  updated_at: "profile update time",
  email: "email address",
  email_verified: "whether your email address is verified",
};

/** The claims a scope asks for, with what the consent page calls them. */
export function describeClaims(scope: readonly string[]): { claim: string; label: string }[] {
  const out: { claim: string; label: string }[] = [];
  for (const s of ["openid", "profile", "email"] as const) {
    if (!scope.includes(s)) continue;
    for (const claim of SCOPE_CLAIMS[s]) out.push({ claim, label: LABELS[claim]! });
  }
  return out;
}

/** What the claims are read from: the person as stored. */
export interface ClaimSource {
  id: string;
  name: string;
  email: string;
  emailVerifiedAt: Date | null;
  updatedAt: Date;
}

/**
 * The claims of the granted scopes (Core 5.4), the same in the id_token and at userinfo: sub always;
 * name and updated_at with profile; email and email_verified with email. email_verified is true once the
 * person followed the verification link mailed to that address; a change of address is
 * verified again before it replaces the stored one, so the stored address is the verified one.
 */
export function claimsFor(user: ClaimSource, scope: readonly string[]): Record<string, string | number | boolean> {
  const claims: Record<string, string | number | boolean> = { sub: user.id };
  if (scope.includes("profile")) {
    claims.name = user.name;
    claims.updated_at = Math.floor(user.updatedAt.getTime() / 1000);
  }
  if (scope.includes("email")) {
    claims.email = user.email;
    claims.email_verified = user.emailVerifiedAt !== null;
  }
  return claims;
}

/** The columns claimsFor reads (a Prisma select). */
export const CLAIM_SOURCE_SELECT = { id: true, name: true, email: true, emailVerifiedAt: true, updatedAt: true } as const;
