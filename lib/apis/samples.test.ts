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
    const code = sampleCode("curl", {
      ...base,
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUri: "https://app.example/cb",
    });
    expect(code).toContain("code_challenge_method=S256");
    expect(code).toContain("https://app.example/cb");
  });

  it("prefers client credentials, then authorization code, then password, then implicit", () => {
    expect(sampleGrant(["implicit", "password"])).toBe("password");
    expect(sampleGrant(["implicit"])).toBe("implicit");
    expect(sampleGrant(["refresh_token"])).toBeNull();
  });
});

describe("samples for every grant type", async () => {
  const { sampleGrants } = await import("./samples");
  const base2 = {
    consoleUrl: "https://console.example",
    apiUrl: "https://console.example/api/hello",
    clientId: "apc_test",
    redirectUri: "https://app.example/cb",
  };
  it("lists each registered grant, Refresh Token only with a grant that issues one", () => {
    expect(sampleGrants(["authorization_code", "client_credentials", "refresh_token"])).toEqual([
      "client_credentials",
      "authorization_code",
      "refresh_token",
    ]);
    expect(sampleGrants(["implicit", "password"])).toEqual(["password", "implicit"]);
    expect(sampleGrants(["client_credentials", "refresh_token"])).toEqual(["client_credentials"]);
  });
  it("gives a refresh sample in each language that rotates the refresh token", () => {
    for (const lang of ["curl", "typescript", "python"] as const) {
      const code = sampleCode(lang, { ...base2, grantTypes: ["authorization_code", "refresh_token"], grant: "refresh_token" });
      expect(code).toContain("refresh_token");
      expect(code).toContain("https://console.example/oauth2/token");
      expect(code).toContain("https://console.example/api/hello");
    }
  });
  it("gives the chosen grant's sample, not the first one", () => {
    expect(sampleCode("curl", { ...base2, grantTypes: ["client_credentials", "password"], grant: "password" })).toContain(
      "grant_type=password",
    );
  });
});
