// The management API, personal access tokens, the CLI and dynamic registration through the real server: a personal access token made at /account/tokens ("Create token"),
// the CLI binary (cli/bin.mjs, what `npx api-console` runs) doing the common tasks with it, the
// management API's HTTP answers, a Delegated Administrator revoking a member's token on /company/tokens,
// and clients registering themselves with an initial access token (RFC 7591), a public one included.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { PASSWORD } from "../tests/factories/constants";
import { addMember, makeUser } from "../tests/factories/people";
import { serveClientRedirects } from "./fixtures/authorize";
import { testDb } from "./fixtures/db";
import { browserCallback, client } from "./fixtures/oidc";
import { expect, test } from "./fixtures/test";
import { uniqueEmail } from "./helpers";

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3917}`;
// These tests run the CLI binary (tsx start-up each time) and argon2 re-authentication: generous limits
// on a loaded machine, nothing here is timed.
test.describe.configure({ timeout: 600_000 });
const slow = expect.configure({ timeout: 90_000 });
let n = 0;
const unique = (label: string) => `${label} ${Date.now().toString(36)}${++n}`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI binary with its own config directory. */
function cli(configDir: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.resolve("cli/bin.mjs"), ...args],
      { env: { ...process.env, API_CONSOLE_CONFIG_DIR: configDir, API_CONSOLE_URL: "", API_CONSOLE_TOKEN: "", ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function createToken(page: Page, name: string, scopes: string[]): Promise<string> {
  await page.goto("/account/tokens");
  await page.getByLabel("Token name").fill(name);
  for (const s of scopes) await page.getByLabel(s, { exact: true }).check();
  const password = page.getByLabel("Current password");
  if (await password.count()) await password.fill(PASSWORD);
  await page.getByRole("button", { name: "Create token" }).click();
  const field = page.getByLabel("Personal access token", { exact: true });
  // The page asks for the password only once the sign-in is older than the re-authentication window (1 s
  // here): when it passed between loading the page and submitting, the answer asks for it, keeping the scopes.
  const again = page.getByText("Enter your password again to create a token.");
  await slow(field.or(again)).toBeVisible();
  if (await again.isVisible()) {
    for (const s of scopes) await expect(page.getByLabel(s, { exact: true })).toBeChecked();
    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create token" }).click();
  }
  await slow(field).toBeVisible();
  const token = await field.inputValue();
  expect(token).toMatch(/^apcp_[0-9A-Za-z]{38}$/);
  return token;
}

test("a personal access token from /account/tokens drives the CLI: login (0600), apps, members, usage, exit codes; revoking it stops it", async ({
  member,
}) => {
  const { page, email, companyId, companyName } = await member(["DELEGATED_ADMIN", "API_DEVELOPER"], { name: "Pat Token" });
  await page.goto("/apps");
  await page.getByRole("link", { name: "Access tokens" }).first().click();
  await slow(page.getByRole("heading", { name: "Personal access tokens" })).toBeVisible();
  const token = await createToken(page, "CLI on my laptop", ["apps:read", "apps:write", "members:read", "members:write", "usage:read"]);
  await page.reload();
  await slow(page.getByRole("listitem", { name: "CLI on my laptop" })).toContainText("never used");

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "api-console-cli-"));
  const login = await cli(dir, ["login", "--url", BASE, "--token", token]);
  expect(login.stderr).toBe("");
  expect(login.code).toBe(0);
  expect(login.stdout).toContain(`as ${email} for ${companyName}`);
  const file = path.join(dir, "config.json");
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({ url: BASE, token });

  // Register two apps, list them page by page (with a progress line), rotate, delete.
  const names = [unique("CLI app"), unique("CLI app")];
  const ids: string[] = [];
  for (const name of names) {
    const r = await cli(dir, [
      "--json",
      "apps",
      "register",
      "--name",
      name,
      "--grant",
      "client_credentials",
      "--api",
      "hello",
      "--accept-terms",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const app = JSON.parse(r.stdout) as { id: string; clientId: string; clientSecret: string; name: string };
    expect(app.clientSecret).toMatch(/^apcs_/);
    ids.push(app.id);
  }
  const list = await cli(dir, ["--json", "apps", "list", "--page-size", "1"]);
  expect(list.code).toBe(0);
  expect((JSON.parse(list.stdout) as { items: { id: string }[] }).items.map((a) => a.id)).toEqual([ids[1], ids[0]]);
  expect(list.stderr).toContain("Fetched 1 of 2 apps");
  const text = await cli(dir, ["apps", "list"]);
  expect(text.stdout).toContain(names[0]!);

  const rotated = await cli(dir, ["--json", "apps", "rotate-secret", ids[0]!, "--grace-hours", "0"]);
  expect(rotated.code).toBe(0);
  expect(JSON.parse(rotated.stdout)).toMatchObject({ previousExpiresAt: null });

  const noTerms = await cli(dir, ["apps", "register", "--name", unique("x"), "--grant", "client_credentials", "--api", "hello"]);
  expect(noTerms.code).toBe(2);
  const invalid = await cli(dir, [
    "apps",
    "register",
    "--name",
    unique("x"),
    "--grant",
    "authorization_code",
    "--api",
    "hello",
    "--accept-terms",
  ]);
  expect(invalid.code).toBe(6);
  expect(invalid.stderr).toContain("redirectUri");
  expect((await cli(dir, ["apps", "delete", ids[1]!])).code).toBe(2);
  expect((await cli(dir, ["apps", "delete", ids[1]!, "--yes"])).code).toBe(0);
  expect((await cli(dir, ["apps", "delete", ids[1]!, "--yes"])).code).toBe(5);

  // Members (the owner is a DA) and usage.
  const colleague = uniqueEmail("colleague");
  const added = await cli(dir, ["members", "add", colleague, "--role", "developer"]);
  expect(added.code, added.stderr).toBe(0);
  expect(added.stdout).toContain("invited");
  const members = await cli(dir, ["--json", "members", "list"]);
  expect((JSON.parse(members.stdout) as { items: { user: { email: string } }[] }).items.map((m) => m.user.email)).toContain(email);
  const usage = await cli(dir, ["--json", "usage", "--range", "week"]);
  expect(usage.code).toBe(0);
  expect(JSON.parse(usage.stdout)).toMatchObject({ title: companyName, range: "week" });
  const csv = await cli(dir, ["usage", "--app", ids[0]!, "--csv"]);
  expect(csv.stdout.split("\n")[0]).toMatch(/start/i);

  // The page shows when it was last used; Revoke stops it at once.
  await page.goto("/account/tokens");
  const row = page.getByRole("listitem", { name: "CLI on my laptop" });
  await slow(row).toContainText("last used");
  await row.getByRole("button", { name: "Revoke CLI on my laptop" }).click();
  await slow(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: "Revoke CLI on my laptop" })).toHaveCount(0);
  const after = await cli(dir, ["whoami"]);
  expect(after.code).toBe(3);
  expect((await cli(dir, ["logout"])).code).toBe(0);
  expect(fs.existsSync(file)).toBe(false);
  expect(companyId).toMatch(/^cmp_/);
});

test("the management API over HTTP: problem JSON, RateLimit headers, OpenAPI document, another company's app is 404", async ({
  member,
  request,
}) => {
  const { page } = await member(["API_DEVELOPER"], { name: "Http Api" });
  const token = await createToken(page, "http", ["apps:read", "apps:write"]);

  const anonymous = await request.get("/api/v1/apps");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["content-type"]).toBe("application/problem+json");
  expect(await anonymous.json()).toMatchObject({ status: 401, code: "unauthenticated" });

  const auth = { authorization: `Bearer ${token}` };
  const created = await request.post("/api/v1/apps", {
    headers: { ...auth, "idempotency-key": unique("k").replace(/\W/g, "") },
    data: { name: unique("HTTP app"), grantTypes: ["client_credentials"], apiIds: [], acceptTerms: true },
  });
  expect(created.status()).toBe(422);
  expect((await created.json()).errors).toHaveProperty("apiIds");

  const listed = await request.get("/api/v1/apps", { headers: auth });
  expect(listed.status()).toBe(200);
  expect(listed.headers()["ratelimit-limit"]).toBe("600");
  expect(listed.headers()["ratelimit"]).toMatch(/^limit=600, remaining=\d+, reset=\d+$/);

  // Someone else's app, by id, is not found.
  const { page: otherPage, companyId } = await member(["API_DEVELOPER"], { name: "Other" });
  const otherToken = await createToken(otherPage, "other", ["apps:read", "apps:write"]);
  const apis = (await (await request.get("/api/v1/apis", { headers: { authorization: `Bearer ${otherToken}` } })).json()) as {
    items: { id: string; slug: string }[];
  };
  const theirs = await request.post("/api/v1/apps", {
    headers: { authorization: `Bearer ${otherToken}` },
    data: {
      name: unique("Theirs"),
      grantTypes: ["client_credentials"],
      apiIds: [apis.items.find((a) => a.slug === "hello")!.id],
      acceptTerms: true,
    },
  });
  expect(theirs.status()).toBe(201);
  const theirId = ((await theirs.json()) as { id: string }).id;
  expect((await request.get(`/api/v1/apps/${theirId}`, { headers: auth })).status()).toBe(404);
  expect((await request.delete(`/api/v1/apps/${theirId}`, { headers: auth })).status()).toBe(404);
  expect(companyId).toMatch(/^cmp_/);

  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  const openapi = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(openapi.openapi).toBe("3.1.0");
  expect(Object.keys(openapi.paths)).toContain("/apps/{appId}");
  await otherPage.close();
});

test("a DA creates an initial access token on the company page and a client registers itself (RFC 7591), then reads and deletes itself (RFC 7592)", async ({
  member,
  request,
}) => {
  const { page } = await member(["DELEGATED_ADMIN", "API_DEVELOPER"], { name: "Dee Cee" });
  await page.goto("/company/registration-tokens");
  await slow(page.getByRole("heading", { name: "Registration tokens" })).toBeVisible();
  await page.getByLabel("Token name").fill("Pipeline");
  await page.getByLabel("Number of registrations").fill("2");
  await page.getByLabel("Client Credentials", { exact: true }).check();
  await page.getByLabel("Hello API", { exact: true }).check();
  await page.getByLabel("I agree to the Terms of Service").check();
  await page.getByRole("button", { name: "Create initial access token" }).click();
  const iat = await page.getByLabel("Initial access token", { exact: true }).inputValue();
  expect(iat).toMatch(/^apci_/);

  const metadata = (await (await request.get("/.well-known/oauth-authorization-server")).json()) as { registration_endpoint: string };
  expect(metadata.registration_endpoint).toBe(`${BASE}/oauth2/register`);
  const registered = await fetch(metadata.registration_endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${iat}` },
    body: JSON.stringify({
      client_name: unique("Self-registered"),
      grant_types: ["client_credentials"],
      token_endpoint_auth_method: "client_secret_basic",
      scope: "hello",
    }),
  });
  expect(registered.status).toBe(201);
  const info = (await registered.json()) as {
    client_id: string;
    client_secret: string;
    registration_access_token: string;
    registration_client_uri: string;
  };
  // The new client gets a token at once.
  const tokenAnswer = await request.post("/oauth2/token", {
    headers: {
      authorization: "Basic " + Buffer.from(`${info.client_id}:${info.client_secret}`).toString("base64"),
      "content-type": "application/x-www-form-urlencoded",
    },
    data: "grant_type=client_credentials",
  });
  expect(tokenAnswer.status()).toBe(200);
  const read = await fetch(info.registration_client_uri, { headers: { authorization: `Bearer ${info.registration_access_token}` } });
  expect(read.status).toBe(200);
  expect(await read.json()).toMatchObject({ client_id: info.client_id });
  expect(
    (
      await fetch(info.registration_client_uri, {
        method: "DELETE",
        headers: { authorization: `Bearer ${info.registration_access_token}` },
      })
    ).status,
  ).toBe(204);

  await page.reload();
  await slow(page.getByRole("listitem", { name: "Pipeline" })).toContainText("1 of 2 registrations used");
});

test("a Delegated Administrator sees a member's personal access token on /company/tokens and revokes it: audited, the member mailed", async ({
  member,
  request,
  signedIn,
}) => {
  const { page, email: daEmail, companyId, companyName } = await member(["DELEGATED_ADMIN", "API_DEVELOPER"], { name: "Token Admin" });
  const dev = await makeUser(testDb(), { name: "Token Dev" });
  await addMember(testDb(), companyId, dev.id, ["API_DEVELOPER"]);
  const { page: devPage, email: devEmail } = await signedIn(dev);
  const devToken = await createToken(devPage, "Nightly deploy", ["apps:read"]);
  expect((await request.get("/api/v1/apps", { headers: { authorization: `Bearer ${devToken}` } })).status()).toBe(200);

  await page.goto("/company/users");
  // The sidebar's Company section.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Personal access tokens", exact: true }).click();
  await slow(page.getByRole("heading", { name: "Personal access tokens" })).toBeVisible();
  const row = page.getByRole("listitem", { name: `Nightly deploy of ${devEmail}` });
  await expect(row).toContainText(`Owner: Token Dev (${devEmail})`);
  await expect(row).toContainText(`apcp_…${devToken.slice(-4)}`);
  await expect(row).toContainText("apps:read");
  await expect(page.getByText(devToken)).toHaveCount(0);
  await row.getByRole("button", { name: `Revoke Nightly deploy of ${devEmail}` }).click();
  await slow(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: `Revoke Nightly deploy of ${devEmail}` })).toHaveCount(0);

  // It stops at once; the company's audit log says who revoked whose token; the member got a notice.
  expect((await request.get("/api/v1/apps", { headers: { authorization: `Bearer ${devToken}` } })).status()).toBe(401);
  const db = await testDb();
  const tokenRow = await db.personalAccessToken.findFirstOrThrow({ where: { companyId, name: "Nightly deploy" } });
  const audit = await db.auditLog.findFirstOrThrow({ where: { event: "personal_token.revoked", targetId: tokenRow.id } });
  expect(audit).toMatchObject({ actorEmail: daEmail, companyId });
  expect(audit.metadata).toMatchObject({ ownerEmail: devEmail, byDelegatedAdministrator: true });
  const mail = await db.outboxMail.findFirstOrThrow({ where: { toAddress: devEmail, subject: { contains: "Nightly deploy" } } });
  expect(mail.text).toContain(`${daEmail}, a Delegated Administrator of ${companyName}`);
  // The member sees it revoked on their own page too; an API Developer has no such company page.
  await devPage.goto("/account/tokens");
  await slow(devPage.getByRole("listitem", { name: "Nightly deploy" })).toContainText("revoked");
  const forbidden = await devPage.goto("/company/tokens");
  expect(forbidden?.status()).toBe(404);
  await devPage.close();
});

test("a public client (token_endpoint_auth_method none) registers itself as a Single-page app and gets tokens with PKCE, without a secret", async ({
  member,
}) => {
  const { page } = await member(["DELEGATED_ADMIN", "API_DEVELOPER"], { name: "Spa Registrar" });
  await page.goto("/company/registration-tokens");
  await page.getByLabel("Token name").fill("SPA pipeline");
  await page.getByLabel("Number of registrations").fill("1");
  await page.getByLabel("Authorization Code", { exact: true }).check();
  await page.getByLabel("Refresh Token", { exact: true }).check();
  await page.getByLabel("Hello API", { exact: true }).check();
  await page.getByLabel("I agree to the Terms of Service").check();
  await page.getByRole("button", { name: "Create initial access token" }).click();
  const iat = await page.getByLabel("Initial access token", { exact: true }).inputValue();

  const registered = await fetch(`${BASE}/oauth2/register`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${iat}` },
    body: JSON.stringify({
      client_name: unique("Self-registered SPA"),
      redirect_uris: ["https://client.example/callback"],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      scope: "hello",
    }),
  });
  expect(registered.status).toBe(201);
  const info = (await registered.json()) as Record<string, string>;
  expect(info).toMatchObject({ token_endpoint_auth_method: "none" });
  expect(info.client_secret).toBeUndefined();
  const app = await (await testDb()).app.findUniqueOrThrow({ where: { clientId: info.client_id } });
  expect(app).toMatchObject({ kind: "spa", clientType: "public", requirePkce: true, allowedOrigins: "https://client.example" });

  // An independent relying party (openid-client) with client_id only: code + PKCE, then a refresh.
  await serveClientRedirects(page);
  const config = await client.discovery(new URL(BASE), info.client_id!, undefined, client.None(), {
    execute: [client.allowInsecureRequests],
  });
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: "https://client.example/callback",
    scope: "hello",
    state,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  });
  const callback = await browserCallback(page, url);
  const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  expect(tokens.access_token).toBeTruthy();
  const hello = await fetch(`${BASE}/api/hello`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  expect(hello.status).toBe(200);
  expect((await client.refreshTokenGrant(config, tokens.refresh_token!)).access_token).toBeTruthy();
  // Without PKCE the authorization endpoint refuses a public client.
  const noPkce = await fetch(
    `${BASE}/oauth2/authorize?${new URLSearchParams({ response_type: "code", client_id: info.client_id!, redirect_uri: "https://client.example/callback", state: "s" })}`,
    { redirect: "manual" },
  );
  expect(new URL(noPkce.headers.get("location") ?? "https://x.invalid").searchParams.get("error")).toBe("invalid_request");
});
