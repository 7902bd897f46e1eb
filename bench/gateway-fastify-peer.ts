// The peer of bench/gateway.ts: what a user might pick instead, fastify with @fastify/jwt (ES256
// verification with the console's public key) and @fastify/http-proxy in front of the same upstream.
import { createPublicKey, type JsonWebKey } from "node:crypto";
import proxy from "@fastify/http-proxy";
import jwt from "@fastify/jwt";
import Fastify from "fastify";

const port = Number(process.env.BENCH_PEER_PORT);
const jwks = (await (await fetch(process.env.BENCH_JWKS_URL!)).json()) as { keys: (JsonWebKey & { kid: string })[] };
const pem = createPublicKey({ key: jwks.keys[0]!, format: "jwk" }).export({ type: "spki", format: "pem" }).toString();

const app = Fastify({ logger: false });
await app.register(jwt, {
  secret: { public: pem, private: "unused" },
  verify: { algorithms: ["ES256"], allowedIss: process.env.BENCH_ISSUER!, allowedAud: process.env.BENCH_AUDIENCE! },
});
app.addHook("onRequest", async (request, reply) => {
  try {
    await request.jwtVerify();
  } catch {
    return reply.code(401).send();
  }
});
await app.register(proxy, {
  upstream: process.env.BENCH_UPSTREAM_URL!,
  prefix: "/gateway/bench",
  replyOptions: { rewriteRequestHeaders: (_req, headers) => ({ ...headers, authorization: undefined }) },
});
await app.listen({ port, host: "127.0.0.1" });
console.log("ready");
