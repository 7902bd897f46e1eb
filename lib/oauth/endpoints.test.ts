// The Next.js route adapters (used by `next dev`; production serves POST /oauth2/token through
// scripts/serve.ts) answer like the fast path: same function behind both.
import { beforeAll, describe, expect, it } from "vitest";
import { catalog } from "../../tests/factories/domain";
import { basicHeader, makeOAuthApp } from "../../tests/factories/oauth";
import { db } from "../db";
import { handleIntrospectionRequest } from "./introspect";
import { authorizationServerMetadata } from "./metadata";
import { handleRevocationRequest } from "./revoke";
import { handleTokenRequest } from "./token-endpoint";

// makeOAuthApp subscribes its apps to the Hello API of the catalog.
beforeAll(async () => {
  await catalog();
});

const post = (path: string, body: string, authorization?: string) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(authorization ? { authorization } : {}) },
    body,
  });

describe("token-service route adapters", () => {
  it("issue, introspect and revoke through Web Requests, with no-store on every answer", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    const auth = basicHeader(app.clientId, app.clientSecret);
    const issued = await handleTokenRequest(post("/oauth2/token", "grant_type=client_credentials", auth));
    expect(issued.status).toBe(200);
    expect(issued.headers.get("cache-control")).toBe("no-store");
    expect(issued.headers.get("pragma")).toBe("no-cache");
    const { access_token } = (await issued.json()) as { access_token: string };

    const active = await handleIntrospectionRequest(post("/oauth2/introspect", `token=${access_token}`, auth));
    expect(await active.json()).toMatchObject({ active: true, client_id: app.clientId });
    expect((await handleRevocationRequest(post("/oauth2/revoke", `token=${access_token}`, auth))).status).toBe(200);
    const inactive = await handleIntrospectionRequest(post("/oauth2/introspect", `token=${access_token}`, auth));
    expect(await inactive.json()).toEqual({ active: false });

    const get = await handleTokenRequest(new Request("http://localhost/oauth2/token"));
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ error: "invalid_request" });
  });

  it("29 metadata names every endpoint under the issuer", async () => {
    const meta = await authorizationServerMetadata();
    const issuer = meta.issuer as string;
    for (const k of ["authorization_endpoint", "token_endpoint", "revocation_endpoint", "introspection_endpoint", "jwks_uri"]) {
      expect(String(meta[k]).startsWith(issuer + "/oauth2/")).toBe(true);
    }
    expect(meta.code_challenge_methods_supported).toEqual(["S256"]);
    expect(meta.scopes_supported).toContain("hello");
  });
});
