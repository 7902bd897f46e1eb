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
