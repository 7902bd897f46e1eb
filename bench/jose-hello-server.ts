// The baseline of bench/hello-api.ts: a bare Node HTTP server that does only what a minimal
// resource server must — verify the JWT access token with jose against the console's JWKS (same
// keys, same checks: algorithm, typ, issuer, audience, lifetime) — and answers a greeting.
import http from "node:http";
import { createLocalJWKSet, jwtVerify } from "jose";

const port = Number(process.env.BENCH_JOSE_PORT ?? 3992);
const jwks = createLocalJWKSet(await (await fetch(process.env.BENCH_JWKS_URL!)).json());
const issuer = process.env.BENCH_ISSUER!;
const audience = process.env.BENCH_AUDIENCE!;

http
  .createServer((req, res) => {
    const m = /^Bearer +(.+)$/i.exec(req.headers.authorization ?? "");
    if (req.method !== "GET" || req.url !== "/api/hello" || !m) {
      res.writeHead(401, { "www-authenticate": "Bearer" }).end();
      return;
    }
    jwtVerify(m[1]!, jwks, { algorithms: ["ES256"], typ: "at+jwt", issuer, audience }).then(
      ({ payload }) => {
        const body = JSON.stringify({ message: `Hello, ${String(payload.client_id)}!` });
        res
          .writeHead(200, { "content-type": "application/json", "cache-control": "no-store", "content-length": Buffer.byteLength(body) })
          .end(body);
      },
      () => res.writeHead(401, { "www-authenticate": 'Bearer error="invalid_token"' }).end(),
    );
  })
  .listen(port, "127.0.0.1", () => console.log("ready"));
