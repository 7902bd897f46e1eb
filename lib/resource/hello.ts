import "server-only";
// The sample Hello API: greets the calling app and says how long its access token still lives.
import { HELLO_API_SLUG } from "../bootstrap";
import { protectApi } from "./bearer";

export function handleHello(request: Request): Promise<Response> {
  return protectApi(request, HELLO_API_SLUG, (token) => {
    const expiresIn = Math.max(0, token.expiresAt - Math.floor(Date.now() / 1000));
    return Response.json(
      {
        message: `Hello, ${token.appName}!`,
        app: { name: token.appName, clientId: token.clientId, company: token.companyName },
        subject: token.subject,
        tokenExpiresIn: expiresIn,
      },
      { headers: { "cache-control": "no-store" } },
    );
  });
}
