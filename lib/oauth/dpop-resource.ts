import "server-only";
// DPoP at resource servers (RFC 9449 section 7): filled in by the DPoP slice.
import type { SignedClaims } from "./verify-access-token";

export async function checkDpopForResource(
  token: Pick<SignedClaims, "jkt">,
  presented: { scheme: "Bearer" | "DPoP"; proof: string | null; method: string; url: string; token: string },
): Promise<string | null> {
  if (token.jkt && presented.scheme !== "DPoP") return "This access token is bound to a DPoP key: send it with the DPoP scheme and a proof.";
  return null;
}
