// The upstream of bench/gateway.ts: a small JSON answer on every path, and GET /big streaming
// BENCH_BIG_BYTES (default 1 GiB) in 64 KiB chunks with backpressure.
import http from "node:http";

const port = Number(process.env.BENCH_UPSTREAM_PORT);
const bigBytes = Number(process.env.BENCH_BIG_BYTES ?? 1024 ** 3);
const chunk = Buffer.alloc(64 * 1024, 120);
const body = JSON.stringify({ ok: true, items: [1, 2, 3] });

http
  .createServer((req, res) => {
    req.resume();
    if (req.url?.endsWith("/big")) {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": bigBytes });
      let sent = 0;
      const pump = () => {
        while (sent < bigBytes) {
          const piece = sent + chunk.length <= bigBytes ? chunk : chunk.subarray(0, bigBytes - sent);
          sent += piece.length;
          if (!res.write(piece)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => (sent = bigBytes));
      pump();
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
  })
  .listen(port, "127.0.0.1", () => console.log("ready"));
