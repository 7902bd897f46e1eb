// The floor of bench/token-endpoint.ts: what any Node server must spend to answer a client_credentials
// token request with client_secret_basic, and nothing else — node:http, read the form body, decode the
// Basic credentials, compare the HMAC-SHA256 digest of the presented secret with the stored one in
// constant time, sign an ES256 JWT access token (RFC 9068 claims) with node:crypto, and write the
// RFC 6749 5.1 JSON. No database, no rate limit, no audit, no metrics, no logging.
import { createHmac, generateKeyPairSync, randomBytes, randomUUID, sign, timingSafeEqual } from "node:crypto";
import http from "node:http";

const port = Number(process.env.BENCH_FLOOR_PORT ?? 3991);
const clientId = process.env.BENCH_CLIENT_ID!;
const issuer = process.env.BENCH_ISSUER ?? `http://127.0.0.1:${port}`;
const hmacKey = randomBytes(32);
const digest = (secret: string) => createHmac("sha256", hmacKey).update(secret).digest();
const stored = digest(process.env.BENCH_CLIENT_SECRET!);
const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const header = Buffer.from(JSON.stringify({ alg: "ES256", typ: "at+jwt", kid: "floor" })).toString("base64url");
const TTL = 3600;

function answer(res: http.ServerResponse, status: number, body: object): void {
  const json = JSON.stringify(body);
  res
    .writeHead(status, {
      "content-type": "application/json",
      "cache-control": "no-store",
      pragma: "no-cache",
      "content-length": Buffer.byteLength(json),
    })
    .end(json);
}

http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
      const decoded = m ? Buffer.from(m[1]!, "base64").toString() : "";
      const colon = decoded.indexOf(":");
      const id = colon > 0 ? decodeURIComponent(decoded.slice(0, colon)) : "";
      const secret = colon > 0 ? decodeURIComponent(decoded.slice(colon + 1)) : "";
      if (req.method !== "POST" || req.url !== "/token" || !timingSafeEqual(digest(secret), stored) || id !== clientId) {
        answer(res, 401, { error: "invalid_client" });
        return;
      }
      if (form.get("grant_type") !== "client_credentials") {
        answer(res, 400, { error: "unsupported_grant_type" });
        return;
      }
      const scope = form.get("scope") ?? "hello";
      const iat = Math.floor(Date.now() / 1000);
      const payload = { iss: issuer, sub: id, aud: `${issuer}/api`, client_id: id, exp: iat + TTL, iat, jti: randomUUID(), scope };
      const input = `${header}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
      const signature = sign("sha256", Buffer.from(input), { key: privateKey, dsaEncoding: "ieee-p1363" }).toString("base64url");
      answer(res, 200, { access_token: `${input}.${signature}`, token_type: "Bearer", expires_in: TTL, scope });
    });
  })
  .listen(port, "127.0.0.1", () => console.log("ready"));
// A clean exit on SIGTERM/SIGINT, so `node --cpu-prof` writes its profile.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
