// Kinds of app (the contract's decisions): one pure module shared by the form, lib/apps and
// dynamic client registration.
import { describe, expect, it } from "vitest";
import {
  APP_KIND_GRANTS,
  APP_RULE_TEXT,
  appRegistrationSchema,
  clientTypeOf,
  DEVICE_CODE_GRANT,
  isPrivateUseScheme,
  loopbackRedirectMatches,
  redirectUriProblem,
  tokenEndpointAuthMethodOf,
} from "./app-registration";

const base = { name: "App", apiIds: ["api_1"], acceptTerms: true };

describe("kinds of app", () => {
  it("pre-sets grants from the contract; only Single-page, Native / mobile and Device or CLI are public", () => {
    expect(APP_KIND_GRANTS).toEqual({
      web: ["authorization_code", "refresh_token"],
      spa: ["authorization_code"],
      native: ["authorization_code", "refresh_token"],
      m2m: ["client_credentials"],
      device: [DEVICE_CODE_GRANT],
    });
    expect(["web", "spa", "native", "m2m", "device", null].map(clientTypeOf)).toEqual([
      "confidential",
      "public",
      "public",
      "confidential",
      "public",
      "confidential",
    ]);
    expect(tokenEndpointAuthMethodOf("spa")).toBe("none");
    expect(tokenEndpointAuthMethodOf(null)).toBe("client_secret_basic");
  });

  it("no kind stays confidential (an Implicit-only app too); new apps require PKCE", () => {
    const r = appRegistrationSchema.parse({ ...base, grantTypes: ["implicit"], redirectUri: "https://a.example/cb" });
    expect(r).toMatchObject({ kind: null, clientType: "confidential", requirePkce: true });
  });

  it("public apps cannot register Client Credentials or Resource Owner Credentials", () => {
    for (const g of ["client_credentials", "password"]) {
      const r = appRegistrationSchema.safeParse({ ...base, kind: "device", grantTypes: [DEVICE_CODE_GRANT, g] });
      expect(r.success).toBe(false);
      expect(r.error!.issues.map((i) => i.message)).toContain(APP_RULE_TEXT.publicNoSecretGrants);
    }
  });

  it("Refresh Token goes with Authorization Code, Resource Owner Credentials or Device Code", () => {
    expect(appRegistrationSchema.safeParse({ ...base, kind: "device", grantTypes: [DEVICE_CODE_GRANT, "refresh_token"] }).success).toBe(
      true,
    );
    expect(appRegistrationSchema.safeParse({ ...base, grantTypes: ["client_credentials", "refresh_token"] }).success).toBe(false);
  });

  it("allowed web origins only for Single-page apps, as origins", () => {
    const ok = appRegistrationSchema.parse({
      ...base,
      kind: "spa",
      grantTypes: ["authorization_code"],
      redirectUri: "https://spa.example/cb",
      allowedOrigins: "https://spa.example\nhttp://localhost:5173",
    });
    expect(ok.allowedOrigins).toEqual(["https://spa.example", "http://localhost:5173"]);
    expect(
      appRegistrationSchema.safeParse({
        ...base,
        kind: "web",
        grantTypes: ["authorization_code"],
        redirectUri: "https://a.example/cb",
        allowedOrigins: "https://a.example",
      }).success,
    ).toBe(false);
    // An origin has no path, and only loopback addresses may use http.
    for (const allowedOrigins of ["https://a.example/path", "http://a.example"]) {
      const spa = { ...base, kind: "spa", grantTypes: ["authorization_code"], redirectUri: "https://a.example/cb", allowedOrigins };
      expect(appRegistrationSchema.safeParse(spa).success).toBe(false);
    }
  });

  it("native apps: private-use schemes (RFC 8252 7.1) and any port on an IP-literal loopback (7.3)", () => {
    expect(isPrivateUseScheme("com.example.app:/oauth2redirect")).toBe(true);
    expect(isPrivateUseScheme("https://a.example/cb")).toBe(false);
    expect(redirectUriProblem("com.example.app:/cb", "native")).toBeNull();
    expect(redirectUriProblem("com.example.app:/cb", "web")).toBe(APP_RULE_TEXT.privateSchemeOnlyNative);
    expect(loopbackRedirectMatches("http://127.0.0.1/cb", "http://127.0.0.1:51004/cb")).toBe(true);
    expect(loopbackRedirectMatches("http://[::1]/cb", "http://[::1]:8080/cb")).toBe(true);
    expect(loopbackRedirectMatches("http://127.0.0.1/cb", "http://127.0.0.1:51004/other")).toBe(false);
    expect(loopbackRedirectMatches("http://localhost/cb", "http://localhost:51004/cb")).toBe(false);
    expect(loopbackRedirectMatches("http://127.0.0.1/cb", "http://[::1]:51004/cb")).toBe(false);
  });
});
