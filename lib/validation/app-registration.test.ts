import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "../errors";
import {
  APP_RULE_TEXT,
  appNameKey,
  type AppRegistrationInput,
  appRegistrationSchema,
  appUpdateSchema,
  parseGrantTypes,
  redirectUriProblem,
  registrationFromForm,
  rotationSchema,
} from "./app-registration";

const valid: AppRegistrationInput = {
  name: "Billing Sync",
  description: "",
  grantTypes: ["client_credentials"],
  redirectUri: "",
  apiIds: ["api_1"],
  acceptTerms: true,
  termsVersion: "2026-11-01",
};

function errors(input: Partial<AppRegistrationInput>) {
  const r = appRegistrationSchema.safeParse({ ...valid, ...input });
  return r.success ? {} : zodFieldErrors(r.error);
}

describe("app registration rules", () => {
  it("accepts each kind of app and stores grant types in the form's order", () => {
    expect(appRegistrationSchema.parse(valid)).toMatchObject({
      grantTypes: ["client_credentials"],
      redirectUri: null,
      nameKey: "billing sync",
    });
    const web = appRegistrationSchema.parse({
      ...valid,
      grantTypes: ["refresh_token", "authorization_code"],
      redirectUri: " https://app.example.com/callback ",
    });
    expect(web.grantTypes).toEqual(["authorization_code", "refresh_token"]);
    expect(web.redirectUri).toBe("https://app.example.com/callback");
    expect(appRegistrationSchema.parse({ ...valid, grantTypes: ["implicit"], redirectUri: "http://localhost:8080/cb" }).redirectUri).toBe(
      "http://localhost:8080/cb",
    );
    expect(appRegistrationSchema.parse({ ...valid, grantTypes: ["password", "refresh_token"] }).grantTypes).toEqual([
      "password",
      "refresh_token",
    ]);
  });

  it("needs a name, at least one grant type, one API and the terms, each at its field", () => {
    expect(errors({ name: "   ", grantTypes: [], apiIds: [], acceptTerms: false })).toEqual({
      name: [APP_RULE_TEXT.nameRequired],
      grantTypes: [APP_RULE_TEXT.grantTypeRequired],
      apiIds: [APP_RULE_TEXT.apiRequired],
      acceptTerms: [APP_RULE_TEXT.termsRequired],
    });
    expect(errors({ name: "x".repeat(101) }).name).toEqual([APP_RULE_TEXT.nameTooLong]);
    expect(errors({ description: "d".repeat(1001) }).description).toEqual([APP_RULE_TEXT.descriptionTooLong]);
    expect(errors({ grantTypes: ["client_credentials", "device_code"] }).grantTypes).toEqual([APP_RULE_TEXT.grantTypeUnknown]);
  });

  it("allows Refresh Token only with Authorization Code or Resource Owner Credentials", () => {
    expect(errors({ grantTypes: ["refresh_token"] }).grantTypes).toEqual([APP_RULE_TEXT.refreshAlone]);
    expect(errors({ grantTypes: ["client_credentials", "refresh_token"] }).grantTypes).toEqual([APP_RULE_TEXT.refreshAlone]);
    expect(errors({ grantTypes: ["implicit", "refresh_token"], redirectUri: "https://a.example.com/cb" }).grantTypes).toEqual([
      APP_RULE_TEXT.refreshAlone,
    ]);
    expect(errors({ grantTypes: ["authorization_code", "refresh_token"], redirectUri: "https://a.example.com/cb" })).toEqual({});
  });

  it("requires a Redirect URL with Authorization Code or Implicit and refuses it otherwise", () => {
    expect(errors({ grantTypes: ["authorization_code"] }).redirectUri).toEqual([APP_RULE_TEXT.redirectRequired]);
    expect(errors({ grantTypes: ["implicit"], redirectUri: "  " }).redirectUri).toEqual([APP_RULE_TEXT.redirectRequired]);
    expect(errors({ grantTypes: ["client_credentials"], redirectUri: "https://a.example.com/cb" }).redirectUri).toEqual([
      APP_RULE_TEXT.redirectNotUsed,
    ]);
    expect(errors({ grantTypes: ["authorization_code"], redirectUri: "http://app.example.com/cb" }).redirectUri).toEqual([
      APP_RULE_TEXT.redirectScheme,
    ]);
  });

  it("checks Redirect URLs: https anywhere, http only on loopback, no fragment, no wildcard", () => {
    for (const ok of [
      "https://app.example.com/callback",
      "https://app.example.com:8443/cb?tenant=1",
      "http://127.0.0.1:5000/cb",
      "http://[::1]:8080/cb",
      "http://localhost/cb",
      "https://localhost/cb",
    ]) {
      expect(redirectUriProblem(ok), ok).toBeNull();
    }
    const refused: [string, string][] = [
      ["https://app.example.com/cb#done", APP_RULE_TEXT.redirectFragment],
      ["https://*.example.com/cb", APP_RULE_TEXT.redirectWildcard],
      ["https://app.example.com/*", APP_RULE_TEXT.redirectWildcard],
      ["http://app.example.com/cb", APP_RULE_TEXT.redirectScheme],
      ["http://localhost.evil.example/cb", APP_RULE_TEXT.redirectScheme],
      ["http://10.0.0.1/cb", APP_RULE_TEXT.redirectScheme],
      ["ftp://app.example.com/cb", APP_RULE_TEXT.redirectScheme],
      ["com.example.app://callback", APP_RULE_TEXT.redirectScheme],
      ["javascript:alert(1)", APP_RULE_TEXT.redirectAbsolute],
      ["/callback", APP_RULE_TEXT.redirectAbsolute],
      ["app.example.com/callback", APP_RULE_TEXT.redirectAbsolute],
      ["https://", APP_RULE_TEXT.redirectAbsolute],
      ["https://user:pw@app.example.com/cb", APP_RULE_TEXT.redirectCredentials],
      ["https://app.example.com/a b", APP_RULE_TEXT.redirectSpaces],
      [`https://app.example.com/${"a".repeat(2000)}`, APP_RULE_TEXT.redirectTooLong],
    ];
    for (const [value, message] of refused) expect(redirectUriProblem(value), value).toBe(message);
  });

  it("makes name keys that ignore case and extra whitespace", () => {
    expect(appNameKey("  My   Billing\tApp ")).toBe("my billing app");
    expect(appRegistrationSchema.parse({ ...valid, name: "  My   App " }).name).toBe("My App");
  });

  it("reads the form's fields the same way in the browser and on the server", () => {
    const form = new FormData();
    form.set("name", "Web App");
    form.append("grantTypes", "authorization_code");
    form.append("grantTypes", "refresh_token");
    form.set("redirectUri", "https://web.example.com/cb");
    form.append("apiIds", "api_1");
    form.append("apiIds", "api_1");
    form.set("acceptTerms", "yes");
    const parsed = appRegistrationSchema.parse(registrationFromForm(form));
    expect(parsed).toMatchObject({
      name: "Web App",
      grantTypes: ["authorization_code", "refresh_token"],
      apiIds: ["api_1"],
      description: "",
    });
    form.delete("acceptTerms");
    expect(registrationFromForm(form).acceptTerms).toBe(false);
  });

  it("edits only name, description and APIs", () => {
    const parsed = appUpdateSchema.parse({
      name: "New",
      description: "d",
      apiIds: ["api_1"],
      redirectUri: "https://x.example.com",
      grantTypes: ["implicit"],
    });
    expect(parsed).toEqual({ name: "New", nameKey: "new", description: "d", apiIds: ["api_1"] });
    const r = appUpdateSchema.safeParse({ name: "", apiIds: [] });
    expect(r.success ? {} : zodFieldErrors(r.error)).toEqual({ name: [APP_RULE_TEXT.nameRequired], apiIds: [APP_RULE_TEXT.apiRequired] });
  });

  it("parses stored grant types and rotation grace periods", () => {
    expect(parseGrantTypes(["refresh_token", "password", "bogus"])).toEqual(["password", "refresh_token"]);
    expect(parseGrantTypes("client_credentials")).toEqual([]);
    expect(rotationSchema.parse({}).graceHours).toBe(24);
    expect(rotationSchema.parse({ graceHours: "0" }).graceHours).toBe(0);
    expect(rotationSchema.safeParse({ graceHours: "5" }).success).toBe(false);
  });
});
