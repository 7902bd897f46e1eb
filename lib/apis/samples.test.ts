import { describe, expect, it } from "vitest";
import { sampleCode, sampleGrant } from "./samples";

const base = { consoleUrl: "http://127.0.0.1:3000", apiUrl: "http://127.0.0.1:3000/api/hello", clientId: "apc_ABC", redirectUri: null };

describe("sample code", () => {
  it("uses the app's own grant type and client id, never a secret value", () => {
    for (const lang of ["curl", "typescript", "python"] as const) {
      const code = sampleCode(lang, { ...base, grantTypes: ["client_credentials"] });
      expect(code).toContain("apc_ABC");
      expect(code).toContain("http://127.0.0.1:3000/oauth2/token");
      expect(code).toContain("/api/hello");
      expect(code).toMatch(/client_credentials/);
      expect(code).not.toMatch(/apcs_/);
    }
  });

  it("shows PKCE for Authorization Code with the registered redirect URL", () => {
    const code = sampleCode("curl", { ...base, grantTypes: ["authorization_code", "refresh_token"], redirectUri: "https://app.example/cb" });
    expect(code).toContain("code_challenge_method=S256");
    expect(code).toContain("https://app.example/cb");
  });

  it("prefers client credentials, then authorization code, then password, then implicit", () => {
    expect(sampleGrant(["implicit", "password"])).toBe("password");
    expect(sampleGrant(["implicit"])).toBe("implicit");
    expect(sampleGrant(["refresh_token"])).toBeNull();
  });
});
