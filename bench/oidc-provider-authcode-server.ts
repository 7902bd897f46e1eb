// The baseline for bench/authcode.ts: oidc-provider 9 serving the authorization-code path the way the
// console does it — PAR (enabled by default in 9), PKCE S256 required for every client,
// client_secret_basic, ES256 JWT access tokens for the Hello API's audience (resource indicators), no
// refresh token. Run as a child process so the load generator does not share its event loop. Prints
// "ready" when listening.
// No prompts during the bench: the bench's setup makes ONE interactive flow, which this server answers
// at /interaction/:uid without a page — it records a Grant (scope hello for the API's audience) and a
// login for the account, as oidc-provider's docs show for an interaction's end (interactionFinished with
// login + consent.grantId). The session cookie from that flow is then sent with every bench flow, and
// oidc-provider's default loadExistingGrant finds the Grant through the session: its /auth answers with
// a code at once. Every later interaction is counted and printed (the bench fails when one happens).
import { createServer } from "node:http";
import { benchProvider } from "./oidc-provider-baseline";

const redirectUri = process.env.BENCH_REDIRECT_URI ?? "https://client.example/callback";
const accountId = "bench-user";

const { provider, port, audience } = await benchProvider({
  defaultPort: 3992,
  defaultClientId: "bench-web",
  client: { grant_types: ["authorization_code"], response_types: ["code"], redirect_uris: [redirectUri] },
  settings: { cookies: { keys: ["bench-cookie-key-0123456789abcdefghijklmnopqrstuvwxyz"] }, pkce: { required: () => true } },
  features: { pushedAuthorizationRequests: { enabled: true } },
});

let interactions = 0;
const callback = provider.callback();
createServer(async (req, res) => {
  if (req.url === "/bench/interactions") {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ interactions }));
    return;
  }
  if (req.url?.startsWith("/interaction/")) {
    interactions++;
    try {
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope("hello"); // "hello" is in `scopes`, so the consent prompt checks it as an OP scope too
      grant.addResourceScope(audience, "hello");
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
    } catch (error) {
      console.error("[oidc-provider] interaction", error);
      res.statusCode = 500;
      res.end();
    }
    return;
  }
  callback(req, res);
}).listen(port, "127.0.0.1", () => console.log("ready"));
