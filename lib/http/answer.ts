// The one transport-neutral HTTP answer. Domain endpoints (the token service, the APIs) build an
// HttpAnswer; the Next.js route handlers turn it into a Web Response (toResponse) and scripts/serve.ts
// writes it to Node's response (lib/http/node.ts writeAnswer). fromResponse goes the other way (a Web
// Response read back into an answer, e.g. for in-process callers).
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_NO_STORE = { "content-type": "application/json", "cache-control": "no-store" } as const;

/** A JSON answer that is never cached. */
export function jsonAnswer(data: unknown, status = 200, headers: Record<string, string> = {}): HttpAnswer {
  return { status, headers: { ...JSON_NO_STORE, ...headers }, body: JSON.stringify(data) };
}

export function toResponse(answer: HttpAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

export async function fromResponse(response: Response): Promise<HttpAnswer> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: response.status, headers, body: await response.text() };
}
