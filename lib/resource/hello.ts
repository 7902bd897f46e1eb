import "server-only";
import { HELLO_API_SLUG } from "../apis/defaults";
// The sample Hello API: greets the calling app and says how long its access token still lives.
// helloAnswer is transport-neutral (scripts/serve.ts's fast path); handleHello is the Next.js route's.
import { type HttpAnswer, toResponse } from "../http/answer";
import { protectApiAnswer } from "./bearer";

export function helloAnswer(authorization: string | null | undefined, dpopProof: string | null = null): Promise<HttpAnswer> {
  return protectApiAnswer(
    authorization,
    HELLO_API_SLUG,
    (token) => {
      const expiresIn = Math.max(0, token.expiresAt - Math.floor(Date.now() / 1000));
      return {
        status: 200,
        headers: { "content-type": "application/json", "cache-control": "no-store" },
        body: JSON.stringify({
          message: `Hello, ${token.appName}!`,
          app: { name: token.appName, clientId: token.clientId, company: token.companyName },
          subject: token.subject,
          tokenExpiresIn: expiresIn,
        }),
      };
    },
    dpopProof,
  );
}

export async function handleHello(request: Request): Promise<Response> {
  return toResponse(await helloAnswer(request.headers.get("authorization"), request.headers.get("dpop")));
}
