import "server-only";
// DPoP (RFC 9449): filled in by the DPoP slice.
export const DPOP_ALGS = ["ES256"] as const;

/** A verified DPoP proof's binding: the JWK thumbprint (RFC 7638) of its key. */
export interface DpopBinding {
  jkt: string;
}
