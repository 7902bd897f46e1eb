// How a confidential app authenticates at the token endpoint: its Client Secret, or a private key JWT
// (RFC 7523) verified with the public keys of a pasted JWK Set ("JWKS") or of the set at a "JWKS URL".
// Pure: the Settings form and lib/apps/client-authentication.ts share these rules.
import { z } from "zod";

export const CLIENT_AUTH_METHODS = ["client_secret", "private_key_jwt"] as const;
export type ClientAuthMethodSetting = (typeof CLIENT_AUTH_METHODS)[number];
export const CLIENT_AUTH_LABELS: Record<ClientAuthMethodSetting, string> = {
  client_secret: "Client secret",
  private_key_jwt: "Private key JWT",
};
export const JWKS_TEXT_MAX = 32_768;
export const JWKS_URL_MAX = 2000;

export const CLIENT_AUTH_TEXT = {
  oneKeySource: "Paste a JWKS or enter a JWKS URL (one of them).",
  publicApp: "A public app has no client authentication: it sends its Client ID only.",
};

export const clientAuthenticationSchema = z
  .object({
    method: z.enum(CLIENT_AUTH_METHODS, { error: "Choose Client secret or Private key JWT." }),
    jwks: z.string().trim().max(JWKS_TEXT_MAX, `At most ${JWKS_TEXT_MAX} characters.`).default(""),
    jwksUri: z.string().trim().max(JWKS_URL_MAX, `At most ${JWKS_URL_MAX} characters.`).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.method !== "private_key_jwt") return;
    if (!v.jwks && !v.jwksUri) ctx.addIssue({ code: "custom", path: ["jwks"], message: CLIENT_AUTH_TEXT.oneKeySource });
    if (v.jwks && v.jwksUri) ctx.addIssue({ code: "custom", path: ["jwksUri"], message: CLIENT_AUTH_TEXT.oneKeySource });
  });
export type ClientAuthenticationInput = z.input<typeof clientAuthenticationSchema>;

export function clientAuthenticationFromForm(form: FormData): ClientAuthenticationInput {
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const source = text("keySource");
  return {
    method: text("method") as ClientAuthMethodSetting,
    jwks: source === "url" ? "" : text("jwks"),
    jwksUri: source === "jwks" ? "" : text("jwksUri"),
  };
}
