// The floor of bench/gateway.ts: node:http + undici + jose verify, nothing else. Verifies the access
// token (same keys via the console's JWKS, same checks as any resource server), drops Authorization
// and forwards the request to the upstream, streaming the answer back.
import http from "node:http";
import { pipeline } from "node:stream";
import { createLocalJWKSet, jwtVerify } from "jose";
import { Agent } from "undici";

const port = Number(process.env.BENCH_FLOOR_PORT);
const upstream = process.env.BENCH_UPSTREAM_URL!;
const jwks = createLocalJWKSet(await (await fetch(process.env.BENCH_JWKS_URL!)).json());
const issuer = process.env.BENCH_ISSUER!;
const audience = process.env.BENCH_AUDIENCE!;
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 256 });

http
  .createServer((req, res) => {
    const m = /^Bearer +(.+)$/i.exec(req.headers.authorization ?? "");
    if (!m) return void res.writeHead(401).end();
    jwtVerify(m[1]!, jwks, { algorithms: ["ES256"], typ: "at+jwt", issuer, audience }).then(
      async () => {
        const headers = { ...req.headers };
        delete headers.authorization;
        delete headers.host;
        delete headers.connection;
        try {
          const answer = await agent.request({
            origin: upstream,
            path: req.url!.replace(/^\/gateway\/[^/]+/, ""),
            method: req.method as "GET",
            headers,
            body: req.method === "GET" || req.method === "HEAD" ? null : req,
          });
          res.writeHead(answer.statusCode, answer.headers as http.OutgoingHttpHeaders);
          pipeline(answer.body, res, () => {});
        } catch {
          res.writeHead(502).end();
        }
      },
      () => res.writeHead(401).end(),
    );
  })
  .listen(port, "127.0.0.1", () => console.log("ready"));
