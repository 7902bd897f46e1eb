import "server-only";
// DPoP at the console's resource servers (RFC 9449 section 7): a token bound to a key (cnf.jkt) is
// accepted only with the DPoP scheme and a proof for this request signed by that key.
import { InvalidDpopProof, verifyDpopProof } from "./dpop";

export async function checkDpopForResource(
  token: { jkt: string | null },
  presented: { scheme: "Bearer" | "DPoP"; proof: string | null; method: string; url: string; token: string },
): Promise<string | null> {
  if (!token.jkt) return presented.scheme === "DPoP" && !presented.proof ? "A DPoP proof is missing." : null;
  if (presented.scheme !== "DPoP") return "This access token is bound to a DPoP key: send it with the DPoP scheme and a proof.";
  if (!presented.proof) return "A DPoP proof is missing.";
  try {
    await verifyDpopProof(presented.proof, { method: presented.method, url: presented.url, accessToken: presented.token, jkt: token.jkt });
    return null;
  } catch (error) {
    if (error instanceof InvalidDpopProof) return error.message;
    throw error;
  }
}
