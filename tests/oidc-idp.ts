// A company's identity provider for the tests: a real OpenID provider (oidc-provider 9) on 127.0.0.1 with
// one confidential client (client_secret_basic) whose redirect URI is the console's /sso/oidc/callback.
// Its sign-in page (/interaction/<uid>) has a field "IdP email" and a button "Sign in at the IdP";
// the accounts' subject, name and groups come from `accounts` (filled by the test).
import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

export interface IdpAccount {
  sub: string;
  name: string;
  groups: string[];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export class TestOidcProvider {
  readonly accounts = new Map<string, IdpAccount>();
  readonly clientId = "console-sso-test";
  readonly clientSecret = "idp-client-secret-0123456789-abcdefghij";
  private server: Server | null = null;

  constructor(
    readonly port: number,
    readonly redirectUri: string,
  ) {}

  get issuer(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  account(email: string): IdpAccount {
    return this.accounts.get(email) ?? { sub: `sub-${email}`, name: email.split("@")[0] ?? email, groups: [] };
  }

  async start(): Promise<void> {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: "test-idp", alg: "RS256", use: "sig" };
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: this.clientId,
          client_secret: this.clientSecret,
          grant_types: ["authorization_code"],
          response_types: ["code"],
          redirect_uris: [this.redirectUri],
          token_endpoint_auth_method: "client_secret_basic",
        },
      ],
      jwks: { keys: [jwk] },
      cookies: { keys: ["test-idp-cookie-key-0123456789abcdefghijklmnop"] },
      pkce: { required: () => true },
      conformIdTokenClaims: false, // the scope's claims in the ID token (as Entra and Okta send them)
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
      features: { devInteractions: { enabled: false } },
      findAccount: (_ctx: unknown, id: string) => ({
        accountId: id,
        claims: () => {
          const a = this.account(id);
          return { sub: a.sub, email: id, email_verified: true, name: a.name, groups: a.groups };
        },
      }),
    });
    // Accounts are named by email; the ID token's `sub` is the account's subject.
    provider.on("server_error", (_ctx: unknown, error: Error) => console.error("[test idp]", error));
    const callback = provider.callback();
    this.server = createServer(async (req, res) => {
      const url = new URL(req.url ?? "/", this.issuer);
      const m = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
      if (!m) return callback(req, res);
      try {
        const details = await provider.interactionDetails(req, res);
        if (!m[2]) {
          res.setHeader("content-type", "text/html; charset=utf-8");
          res.end(
            `<!doctype html><html lang="en"><head><title>Test IdP</title></head><body><main><h1>Test IdP sign-in</h1>` +
              `<form method="post" action="/interaction/${escapeHtml(m[1]!)}/login"><label for="e">IdP email</label>` +
              `<input id="e" name="email" value="${escapeHtml(String(details.params.login_hint ?? ""))}">` +
              `<button type="submit">Sign in at the IdP</button></form></main></body></html>`,
          );
          return;
        }
        let body = "";
        for await (const chunk of req) body += chunk;
        const email = new URLSearchParams(body).get("email") ?? "";
        const grant = new provider.Grant({ accountId: email, clientId: String(details.params.client_id) });
        grant.addOIDCScope("openid email profile");
        const grantId = await grant.save();
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: email }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        );
      } catch (error) {
        console.error("[test idp] interaction", error);
        res.statusCode = 500;
        res.end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
