// `npm run bench`: every bench in sequence (each prints ratios against a baseline measured in the same
// run; none asserts timings): the token endpoint vs its floor (bench/token-floor-server.ts) on SQLite
// and on PostgreSQL (skipped with a line when unreachable), the Hello API vs a bare jose server, the
// gateway vs the upstream directly, a floor proxy and fastify (`npm run bench -- gateway`),
// the app page with a month and with 13 months of usage vs the same page with none (SQLite and
// PostgreSQL), the management API's list-apps rate
// at 10,000 apps vs the page's own query, the authorization-code path (PAR + code + PKCE) vs
// oidc-provider 9 (`npm run bench -- authcode`), each data page's rate vs /terms with its JavaScript bytes
// (bench/pages.ts) and against a bare Next.js page floor (bench/floor.ts), the JavaScript table alone
// (`npm run bench -- js`), and the cost table as apps and audit entries grow (bench/scale.ts), on SQLite and
// PostgreSQL. `npm run bench -- <part of a file name>` runs only the matching cases (e.g. pages, scale).
import { spawnSync } from "node:child_process";
import path from "node:path";

const tsx = path.join(process.cwd(), "node_modules/tsx/dist/cli.mjs");
// `name`, when set, is what `npm run bench -- <name>` matches instead of the file name, and the case
// runs only when named (the full run has its figures already).
const benches: { file: string; name?: string; args?: string[]; env?: Record<string, string> }[] = [
  { file: "bench/token-endpoint.ts" },
  { file: "bench/token-endpoint.ts", env: { BENCH_DATABASE: "postgresql" } },
  { file: "bench/hello-api.ts" },
  { file: "bench/gateway.ts" },
  { file: "bench/usage-page.ts", args: ["--conditions=react-server"] },
  { file: "bench/usage-page.ts", args: ["--conditions=react-server"], env: { BENCH_DATABASE: "postgresql" } },
  { file: "bench/management-api.ts", args: ["--conditions=react-server"] },
  { file: "bench/authcode.ts", args: ["--conditions=react-server"] },
  { file: "bench/authcode.ts", args: ["--conditions=react-server"], env: { BENCH_DATABASE: "postgresql" } },
  { file: "bench/pages.ts", args: ["--conditions=react-server"] },
  { file: "bench/pages.ts", args: ["--conditions=react-server"], env: { BENCH_DATABASE: "postgresql" } },
  { file: "bench/pages.ts", name: "js", args: ["--conditions=react-server"], env: { BENCH_PAGES_JS_ONLY: "1" } },
  { file: "bench/scale.ts", args: ["--conditions=react-server"] },
  { file: "bench/scale.ts", args: ["--conditions=react-server"], env: { BENCH_DATABASE: "postgresql" } },
];
const only = process.argv.slice(2);
let failed = 0;
for (const b of benches) {
  if (b.name ? !only.includes(b.name) : only.length && !only.some((o) => b.file.includes(o))) continue;
  console.log(
    `\n===== ${b.file}${
      b.env
        ? " " +
          Object.entries(b.env)
            .map(([k, v]) => `${k}=${v}`)
            .join(" ")
        : ""
    } =====`,
  );
  const r = spawnSync(process.execPath, [tsx, ...(b.args ?? []), b.file], { stdio: "inherit", env: { ...process.env, ...b.env } });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
