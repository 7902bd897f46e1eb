// Consent bound to what was shown (a long state once pushed PKCE and scope out of a cut-off query): the authorization request lives in a server-side
// transaction; the decision names it, is used once, and only by the person it was shown to. The
// long-request regression: a 4,000-character state before code_challenge and scope loses neither.
import { beforeAll, describe, expect, it } from "vitest";
import { catalog } from "../../tests/factories/domain";
import { makeOAuthApp } from "../../tests/factories/oauth";
import { makeUser } from "../../tests/factories/people";
import { db } from "../db";
import { newId } from "../ids";
import type { Viewer } from "../users/viewer";
import { continueAuthorization, decideAuthorization, startAuthorization } from "./authorize-flow";
import { s256 } from "./pkce";

// makeOAuthApp subscribes its apps to the Hello API of the catalog.
beforeAll(async () => {
  await catalog();
});

const ctx = { ip: "203.0.113.9", userAgent: "vitest" };
const VERIFIER = "v".repeat(43) + "erifier-for-the-long-state-test";

function viewerOf(user: { id: string; email: string; name?: string }, authTime = Math.floor(Date.now() / 1000) - 5): Viewer {
  return { user: { ...user, name: user.name ?? "Test" }, authTime, memberships: [], company: null } as unknown as Viewer;
}

async function secondApi(appId: string) {
  const slug = `second-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
  const api = await db().api.create({
    data: { id: newId("api"), slug, name: `Second ${slug}`, endpoint: `/api/${slug}`, openToAll: true },
  });
  await db().appApiSubscription.create({ data: { appId, apiId: api.id } });
  return slug;
}

async function consentFor(search: URLSearchParams, user: { id: string; email: string }) {
  const start = await startAuthorization(search, search.toString().length);
  if (start.kind !== "transaction") throw new Error(`refused: ${JSON.stringify(start)}`);
  const next = await continueAuthorization(start.transaction, start.request, viewerOf(user), ctx);
  if (next.kind !== "consent") throw new Error(`no consent page: ${JSON.stringify(next)}`);
  return next.transactionId;
}

describe("authorization transactions", () => {
  it("regression: a 4,000-character state keeps code_challenge and scope placed after it", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["authorization_code"] });
    await secondApi(app.appId);
    const user = await makeUser(db());
    const search = new URLSearchParams({
      response_type: "code",
      client_id: app.clientId,
      redirect_uri: app.redirectUri!,
      state: "s".repeat(4000),
      code_challenge: s256(VERIFIER),
      code_challenge_method: "S256",
      scope: "hello",
    });
    const tx = await consentFor(search, user);
    const result = await decideAuthorization(tx, "allow", viewerOf(user), ctx);
    expect(result.kind).toBe("redirect");
    const callback = new URL((result as { url: string }).url);
    expect(callback.searchParams.get("state")).toBe("s".repeat(4000));
    const row = await db().authorizationCode.findFirstOrThrow({ where: { appId: app.appId } });
    expect(row.codeChallenge).toBe(s256(VERIFIER));
    expect(row.scope).toBe("hello");
  });

  it("the decision is single use and belongs to the person the page was shown to", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["authorization_code"] });
    const [alice, mallory] = [await makeUser(db()), await makeUser(db())];
    const search = new URLSearchParams({ response_type: "code", client_id: app.clientId, redirect_uri: app.redirectUri!, state: "x" });
    const tx = await consentFor(search, alice);
    expect((await decideAuthorization(tx, "allow", viewerOf(mallory), ctx)).kind).toBe("page");
    const first = await decideAuthorization(tx, "deny", viewerOf(alice), ctx);
    expect(first.kind).toBe("redirect");
    expect(new URL((first as { url: string }).url).searchParams.get("error")).toBe("access_denied");
    expect((await decideAuthorization(tx, "allow", viewerOf(alice), ctx)).kind).toBe("page");
    expect(await db().authorizationCode.count({ where: { appId: app.appId } })).toBe(0);
    expect((await decideAuthorization("not-a-transaction-id-at-all", "allow", viewerOf(alice), ctx)).kind).toBe("page");
  });

  it("too long: invalid_request at the redirect URI when it is known, a page otherwise", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["authorization_code"] });
    const long = new URLSearchParams({
      response_type: "code",
      client_id: app.clientId,
      redirect_uri: app.redirectUri!,
      state: "s".repeat(9000),
    });
    const answer = await startAuthorization(long, long.toString().length);
    expect(answer.kind).toBe("redirect");
    const url = new URL((answer as { url: string }).url);
    expect(url.origin + url.pathname).toBe(app.redirectUri);
    expect(url.searchParams.get("error")).toBe("invalid_request");
    expect(url.searchParams.get("state")).toBeNull();
    const many = new URLSearchParams({
      response_type: "code",
      client_id: app.clientId,
      a: "a".repeat(3000),
      b: "b".repeat(3000),
      c: "c".repeat(3000),
    });
    const tooMany = await startAuthorization(many, many.toString().length);
    expect(tooMany.kind).toBe("redirect");
    const unknown = new URLSearchParams({ response_type: "code", client_id: "apc_unknown", state: "s".repeat(9000) });
    expect((await startAuthorization(unknown, unknown.toString().length)).kind).toBe("page");
  });

  it("a public app must send a PKCE challenge; a new confidential app with Require PKCE too", async () => {
    for (const settings of [
      { kind: "spa", clientType: "public" as const },
      { kind: "web", requirePkce: true },
    ]) {
      const app = await makeOAuthApp(db(), { grantTypes: ["authorization_code"], settings });
      const search = new URLSearchParams({ response_type: "code", client_id: app.clientId, redirect_uri: app.redirectUri! });
      const answer = await startAuthorization(search, search.toString().length);
      expect(answer.kind).toBe("redirect");
      expect(new URL((answer as { url: string }).url).searchParams.get("error")).toBe("invalid_request");
    }
  });
});
