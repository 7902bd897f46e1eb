// api-console: the management API (/api/v1) from a terminal or a CI job.
//   api-console login --url https://console.example.com [--token apcp_…]   (or paste it on stdin)
//   api-console apps list | register | rotate-secret | delete
//   api-console members list | add
//   api-console usage
//   api-console plans show | list | add | request;  requests list | approve | reject;  company-sign-up [mode]
//   api-console logs <appId>
// --json prints the API's JSON; exit codes are stable for scripts (see EXIT below, docs/management-api.md and the guide's page /docs/cli).
import { randomUUID } from "node:crypto";
import { Command, CommanderError, Option } from "commander";
import { configFile, readConfig, removeConfig, writeConfig } from "./config.ts";

export const EXIT = {
  ok: 0,
  error: 1, // anything else (5xx, unexpected)
  usage: 2, // wrong arguments, not logged in
  unauthenticated: 3, // 401: token missing, expired or revoked
  forbidden: 4, // 403: scope or role missing
  notFound: 5, // 404
  conflict: 6, // 409, 412, 422: the request was refused as it stands
  rateLimited: 7, // 429
  network: 8, // the console could not be reached
} as const;

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly problem?: unknown,
  ) {
    super(message);
  }
}

interface Globals {
  url?: string;
  token?: string;
  json?: boolean;
  quiet?: boolean;
}

const program = new Command();
program
  .name("api-console")
  .version("0.1.0")
  .description("Manage API Console apps, members and usage with a personal access token (create one at /account/tokens).")
  .option("--url <url>", "the console's URL (default: from login, or API_CONSOLE_URL)")
  .option("--token <token>", "a personal access token (default: from login, or API_CONSOLE_TOKEN)")
  .option("--json", "print JSON (the API's own answer) instead of text")
  .option("-q, --quiet", "no progress lines")
  .showHelpAfterError()
  .exitOverride();

const globals = (): Globals => program.opts<Globals>();

function connection(): { url: string; token: string } {
  const g = globals();
  const stored = readConfig();
  // Empty variables count as unset (CI systems often define them empty).
  const url = g.url || process.env.API_CONSOLE_URL || stored?.url;
  const token = g.token || process.env.API_CONSOLE_TOKEN || stored?.token;
  if (!url || !token)
    throw new CliError("Not logged in: run `api-console login --url <console URL>` first (or pass --url and --token).", EXIT.usage);
  return { url: url.replace(/\/+$/, ""), token };
}

function exitFor(status: number): number {
  if (status === 401) return EXIT.unauthenticated;
  if (status === 403) return EXIT.forbidden;
  if (status === 404) return EXIT.notFound;
  if (status === 409 || status === 412 || status === 422 || status === 400) return EXIT.conflict;
  if (status === 429) return EXIT.rateLimited;
  return EXIT.error;
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** Every item of a list the management API serves in cursor pages (100 a page), following nextCursor. */
async function allItems<T>(pathname: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({ limit: "100" });
    if (cursor) q.set("cursor", cursor);
    const page = (await api("GET", `${pathname}?${q}`)).body as { items: T[]; nextCursor?: string | null };
    items.push(...page.items);
    cursor = page.nextCursor ?? null;
  } while (cursor);
  return items;
}

async function api(
  method: string,
  path: string,
  opts: { body?: unknown; idempotencyKey?: string; conn?: { url: string; token: string } } = {},
): Promise<Answer> {
  const { url, token } = opts.conn ?? connection();
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    accept: "application/json",
    "user-agent": "api-console-cli/1",
  };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (opts.idempotencyKey) headers["idempotency-key"] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(`${url}/api/v1${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  } catch (error) {
    throw new CliError(`Could not reach ${url}: ${(error as Error).message}`, EXIT.network);
  }
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get("content-type") ?? "").includes("json") && text) body = JSON.parse(text);
  if (!res.ok) {
    const p = body as { detail?: string; errors?: Record<string, string[]> };
    const fields = p?.errors
      ? Object.entries(p.errors)
          .map(([k, v]) => `  ${k}: ${v.join(" ")}`)
          .join("\n")
      : "";
    throw new CliError(`${p?.detail ?? `HTTP ${res.status}`}${fields ? `\n${fields}` : ""}`, exitFor(res.status), body);
  }
  return { status: res.status, headers: res.headers, body, text };
}

function print(json: unknown, text: () => string): void {
  process.stdout.write(globals().json ? JSON.stringify(json, null, 2) + "\n" : text() + "\n");
}

/** A progress line on stderr: rewritten in place on a terminal, one line per step otherwise. */
function progress(message: string): void {
  if (globals().quiet) return;
  if (process.stderr.isTTY) process.stderr.write(`\r${message}\x1b[K`);
  else process.stderr.write(`${message}\n`);
}
function progressDone(): void {
  if (!globals().quiet && process.stderr.isTTY) process.stderr.write("\n");
}

function table(rows: string[][]): string {
  if (rows.length === 0) return "";
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ")).join("\n");
}

/** A `list` subcommand of `group`: every page of `pathname`, as JSON or as a table of `header` and a row per item. */
function listCommand<T>(group: Command, description: string, pathname: string, header: string[], row: (item: T) => string[]): void {
  group
    .command("list")
    .description(description)
    .action(async () => {
      const r = { items: await allItems<T>(pathname) };
      print(r, () => table([header, ...r.items.map(row)]));
    });
}

/** GETs one answer of `items` from `pathname` and prints it as JSON or as a table of `header` and a row per item. */
async function getTable<T>(pathname: string, header: string[], row: (item: T) => string[]): Promise<void> {
  const r = (await api("GET", pathname)).body as { items: T[] };
  print(r, () => table([header, ...r.items.map(row)]));
}

// ---------- login / logout / whoami ----------
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Paste your personal access token (from /account/tokens) and press Enter: ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString("utf8").trim();
}

interface Me {
  token: { id: string; name: string; scopes: string[]; expiresAt: string };
  user: { email: string };
  company: { id: string; name: string; roles: string[] };
}

program
  .command("login")
  .description("check a personal access token and store it (with the URL) in your config directory, mode 0600")
  .action(async () => {
    const g = globals();
    const url = (g.url || process.env.API_CONSOLE_URL || readConfig()?.url)?.replace(/\/+$/, "");
    if (!url) throw new CliError("Pass the console's URL: api-console login --url https://console.example.com", EXIT.usage);
    const token = g.token || process.env.API_CONSOLE_TOKEN || (await readStdin());
    if (!/^apcp_[0-9A-Za-z]{38}$/.test(token))
      throw new CliError("That is not a personal access token (they start with apcp_).", EXIT.usage);
    const me = (await api("GET", "/me", { conn: { url, token } })).body as Me;
    const file = writeConfig({ url, token });
    print(
      { ...me, configFile: file },
      () =>
        `Logged in to ${url} as ${me.user.email} for ${me.company.name} (token “${me.token.name}”: ${me.token.scopes.join(", ")}; expires ${me.token.expiresAt}).\nSaved to ${file}.`,
    );
  });

program
  .command("logout")
  .description("forget the stored token")
  .action(() => {
    const removed = removeConfig();
    print({ removed, configFile: configFile() }, () => (removed ? `Removed ${configFile()}.` : "Not logged in."));
  });

program
  .command("whoami")
  .description("the token, its owner and their roles")
  .action(async () => {
    const me = (await api("GET", "/me")).body as Me;
    print(
      me,
      () =>
        `${me.user.email} · ${me.company.name} (${me.company.roles.join(", ") || "no roles"}) · token “${me.token.name}”: ${me.token.scopes.join(", ")}`,
    );
  });

// ---------- apps ----------
const apps = program.command("apps").description("list, register, rotate secrets of and delete apps");

interface AppSummary {
  id: string;
  name: string;
  status: string;
  grantTypes: string[];
  createdAt: string;
  apis: { name: string }[];
}

apps
  .command("list")
  .description("every app you may see (all pages), newest first")
  .option("-s, --search <text>", "only apps whose name contains the text")
  .option("--page-size <n>", "apps per request (1-100)", "100")
  .action(async (opts: { search?: string; pageSize: string }) => {
    const items: AppSummary[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const q = new URLSearchParams({ limit: opts.pageSize });
      if (opts.search) q.set("q", opts.search);
      if (cursor) q.set("cursor", cursor);
      const page = (await api("GET", `/apps?${q}`)).body as { items: AppSummary[]; total: number; nextCursor: string | null };
      items.push(...page.items);
      total = Math.max(page.total, items.length); // the API counts up to 1,000
      cursor = page.nextCursor;
      if (cursor || items.length < total) progress(`Fetched ${items.length} of ${total} apps…`);
    } while (cursor);
    progressDone();
    print({ items, total }, () =>
      items.length === 0
        ? "No apps."
        : table([
            ["ID", "NAME", "STATUS", "GRANT TYPES", "APIS"],
            ...items.map((a) => [a.id, a.name, a.status, a.grantTypes.join(","), a.apis.map((x) => x.name).join(",")]),
          ]),
    );
  });

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean),
];

apps
  .command("register")
  .description("register an app under the same rules as the form; prints the Client Secret once")
  .requiredOption("-n, --name <name>", "Name of your application")
  .option("-d, --description <text>", "Application Description", "")
  .addOption(
    new Option("-g, --grant <type...>", "grant types")
      .choices(["authorization_code", "client_credentials", "implicit", "password", "refresh_token"])
      .makeOptionMandatory(),
  )
  .option("-r, --redirect-uri <url>", "Redirect URL (authorization_code, implicit)")
  .option("-a, --api <slug|id>", "an API to subscribe to (repeat or comma-separate)", collect)
  .option("--accept-terms", "I agree to the Terms of Service (required)")
  .option("--idempotency-key <key>", "retry-safe key (default: a new random one)")
  .action(
    async (opts: {
      name: string;
      description: string;
      grant: string[];
      redirectUri?: string;
      api?: string[];
      acceptTerms?: boolean;
      idempotencyKey?: string;
    }) => {
      if (!opts.acceptTerms) throw new CliError("Read the Terms of Service in the console and pass --accept-terms to agree.", EXIT.usage);
      if (!opts.api?.length) throw new CliError("Choose at least one API with --api <slug> (see the console's APIs page).", EXIT.usage);
      const catalog = await allItems<{ id: string; slug: string }>("/apis");
      const apiIds = opts.api.map((a) => catalog.find((c) => c.slug === a || c.id === a)?.id ?? a);
      const created = (
        await api("POST", "/apps", {
          body: {
            name: opts.name,
            description: opts.description,
            grantTypes: opts.grant,
            redirectUri: opts.redirectUri,
            apiIds,
            acceptTerms: true,
          },
          idempotencyKey: opts.idempotencyKey ?? randomUUID(),
        })
      ).body as AppSummary & { clientId: string; clientSecret: string };
      print(
        created,
        () =>
          `Registered “${created.name}” (${created.id}).\nClient ID:     ${created.clientId}\nClient Secret: ${created.clientSecret}\nKeep the secret now: it is not shown again here.`,
      );
    },
  );

apps
  .command("rotate-secret <appId>")
  .description("issue a new Client Secret (printed once); the previous one keeps working for the grace period")
  .option("--grace-hours <hours>", "0, 1, 24, 72 or 168", "24")
  .action(async (appId: string, opts: { graceHours: string }) => {
    const r = (
      await api("POST", `/apps/${encodeURIComponent(appId)}/secret/rotate`, {
        body: { graceHours: Number(opts.graceHours) },
        idempotencyKey: randomUUID(),
      })
    ).body as {
      clientSecret: string;
      previousExpiresAt: string | null;
    };
    print(
      r,
      () =>
        `New Client Secret: ${r.clientSecret}\n${r.previousExpiresAt ? `The previous one works until ${r.previousExpiresAt}.` : "The previous one no longer works."}`,
    );
  });

apps
  .command("delete <appId>")
  .description("delete an app and revoke every token it was issued")
  .option("-y, --yes", "really delete (required)")
  .action(async (appId: string, opts: { yes?: boolean }) => {
    if (!opts.yes) throw new CliError("Deleting an app revokes every token it was issued. Pass --yes to go ahead.", EXIT.usage);
    await api("DELETE", `/apps/${encodeURIComponent(appId)}`);
    print({ deleted: appId }, () => `Deleted ${appId}.`);
  });

// ---------- members ----------
const members = program.command("members").description("the company's members (Delegated Administrators)");

interface Member {
  membershipId: string;
  user: { email: string; name: string };
  roles: { role: string }[];
}

listCommand<Member>(members, "members and their roles", "/members", ["MEMBERSHIP", "EMAIL", "NAME", "ROLES"], (m) => [
  m.membershipId,
  m.user.email,
  m.user.name,
  m.roles.map((x) => x.role).join(","),
]);

const ROLE_ALIASES: Record<string, string> = {
  developer: "API_DEVELOPER",
  api_developer: "API_DEVELOPER",
  admin: "DELEGATED_ADMIN",
  da: "DELEGATED_ADMIN",
  delegated_admin: "DELEGATED_ADMIN",
};

members
  .command("add <email>")
  .description("add a person (at once when they have an account, otherwise an invitation)")
  .option("--role <role>", "developer (API_DEVELOPER) or admin (DELEGATED_ADMIN); repeat or comma-separate", collect)
  .action(async (email: string, opts: { role?: string[] }) => {
    const roles = (opts.role?.length ? opts.role : ["developer"]).map((r) => ROLE_ALIASES[r.toLowerCase()] ?? r.toUpperCase());
    const r = (await api("POST", "/members", { body: { email, roles }, idempotencyKey: randomUUID() })).body as { outcome: string };
    print(r, () =>
      r.outcome === "added" ? `Added ${email} (${roles.join(", ")}).` : `${email} has no account yet: invited (${roles.join(", ")}).`,
    );
  });

// ---------- usage ----------
program
  .command("usage")
  .description("calls, errors and latency (the company's by default)")
  .option("--app <appId>", "one app")
  .addOption(new Option("--range <range>", "time range").choices(["hour", "day", "week", "month"]).default("day"))
  .option("--csv", "CSV, as the console's export")
  .action(async (opts: { app?: string; range: string; csv?: boolean }) => {
    const q = new URLSearchParams({
      range: opts.range,
      ...(opts.app ? { app: opts.app } : { company: "current" }),
      ...(opts.csv ? { format: "csv" } : {}),
    });
    const r = await api("GET", `/usage?${q}`);
    if (opts.csv) {
      process.stdout.write(r.text);
      return;
    }
    const u = r.body as { title: string; range: string; totals: { calls: number; errors: number; p50: number | null; p95: number | null } };
    print(
      u,
      () =>
        `${u.title} · ${u.range}: ${u.totals.calls} calls, ${u.totals.errors} errors, p50 ${u.totals.p50 ?? "–"} ms, p95 ${u.totals.p95 ?? "–"} ms`,
    );
  });

// ---------- request logs ----------
program
  .command("logs")
  .description("an app's gateway calls, newest first (time, method, path, status, latency, request id)")
  .argument("<appId>", "the app")
  .addOption(new Option("--status <class>", "status class").choices(["2", "3", "4", "5"]))
  .option("--path <prefix>", "path prefix, e.g. /gateway/orders")
  .option("--since <instant>", "ISO 8601 instant")
  .option("--limit <n>", "at most this many (1-200)", "50")
  .action(async (appId: string, opts: { status?: string; path?: string; since?: string; limit: string }) => {
    const q = new URLSearchParams({
      limit: opts.limit,
      ...(opts.status ? { status: opts.status } : {}),
      ...(opts.path ? { path: opts.path } : {}),
      ...(opts.since ? { from: opts.since } : {}),
    });
    const r = (await api("GET", `/apps/${encodeURIComponent(appId)}/logs?${q}`)).body as {
      items: { at: string; method: string; path: string; query: string; status: number; latencyMs: number; requestId: string }[];
    };
    print(r, () =>
      r.items.length
        ? r.items
            .map(
              (l) =>
                `${l.at}  ${l.status}  ${l.method.padEnd(6)} ${l.path}${l.query ? `?${l.query}` : ""}  ${l.latencyMs} ms  ${l.requestId}`,
            )
            .join("\n")
        : "No gateway calls logged.",
    );
  });

// ---------- plans, requests, settings ----------
const plans = program.command("plans").description("plans and quotas: an app's, an API's (platform administrator), asking for another");

interface AppPlan {
  apiId: string;
  apiName: string;
  status: string;
  planId: string | null;
  planName: string;
  quotas: { policy: string; used: number; limit: number }[];
  pendingPlanChange: { planName: string } | null;
}

plans
  .command("show <appId>")
  .description("the app's plan per API and the quotas used this UTC day and month")
  .action((appId: string) =>
    getTable<AppPlan>(`/apps/${encodeURIComponent(appId)}/plans`, ["API", "PLAN", "STATE", "QUOTAS"], (p) => [
      p.apiName,
      p.planName + (p.pendingPlanChange ? ` (asked: ${p.pendingPlanChange.planName})` : ""),
      p.status === "PENDING" ? "pending approval" : "active",
      p.quotas.map((q) => `${q.policy} ${q.used}/${q.limit}`).join(", ") || "unlimited",
    ]),
  );

/** A plan as GET /apis/{apiId}/plans answers it; a null limit is no limit. */
type PlanRow = { id: string; name: string; isDefault: boolean } & Record<"ratePerMinute" | "callsPerDay" | "callsPerMonth", number | null>;
const limitText = (n: number | null) => (n === null ? "unlimited" : String(n));

plans
  .command("list <apiId>")
  .description("an API's plans (platform administrator)")
  .action((apiId: string) =>
    getTable<PlanRow>(
      `/apis/${encodeURIComponent(apiId)}/plans`,
      ["PLAN", "NAME", "PER MINUTE", "PER DAY", "PER MONTH", "DEFAULT"],
      (p) => [p.id, p.name, limitText(p.ratePerMinute), limitText(p.callsPerDay), limitText(p.callsPerMonth), p.isDefault ? "yes" : ""],
    ),
  );

const count = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`Not a positive whole number: ${v}`, EXIT.usage);
  return n;
};

plans
  .command("add <apiId>")
  .description("add a plan to an API (platform administrator); limits left out are unlimited")
  .requiredOption("--name <name>", "the plan's name")
  .option("--per-minute <n>", "requests per minute", count)
  .option("--per-day <n>", "calls per UTC day", count)
  .option("--per-month <n>", "calls per UTC month", count)
  .option("--default", "make it the API's default plan")
  .action(async (apiId: string, o: { name: string; perMinute?: number; perDay?: number; perMonth?: number; default?: boolean }) => {
    const body = {
      name: o.name,
      ratePerMinute: o.perMinute ?? null,
      callsPerDay: o.perDay ?? null,
      callsPerMonth: o.perMonth ?? null,
      isDefault: Boolean(o.default),
    };
    const r = (await api("POST", `/apis/${encodeURIComponent(apiId)}/plans`, { body, idempotencyKey: randomUUID() })).body as PlanRow;
    print(r, () => `Added plan ${r.name} (${r.id}).`);
  });

plans
  .command("request <appId>")
  .description("ask for another plan of a subscribed API (the current plan stays until approved)")
  .requiredOption("--api <apiId>", "the API")
  .requiredOption("--plan <planId>", "the plan asked for")
  .option("--reason <text>", "why")
  .action(async (appId: string, o: { api: string; plan: string; reason?: string }) => {
    const r = (
      await api("POST", `/apps/${encodeURIComponent(appId)}/plan-requests`, {
        body: { apiId: o.api, planId: o.plan, reason: o.reason ?? "" },
        idempotencyKey: randomUUID(),
      })
    ).body as { id: string };
    print(r, () => `Asked for the plan (request ${r.id}); the platform administrator decides.`);
  });

const requests = program.command("requests").description("the platform administrator's Requests inbox");

interface RequestRow {
  id: string;
  kind: string;
  company: string | null;
  app: string | null;
  api: string | null;
  plan: string | null;
  requester: string | null;
  reason: string;
  details: Record<string, string>;
}

listCommand<RequestRow>(requests, "waiting requests, oldest first", "/requests", ["REQUEST", "KIND", "WHAT", "BY", "REASON"], (x) => [
  x.id,
  x.kind,
  x.kind === "company" ? (x.details.name ?? "") : [x.company, x.app, x.api, x.plan].filter(Boolean).join(" / "),
  x.requester ?? "",
  x.kind === "company" ? (x.details.why ?? "") : x.reason,
]);

for (const decision of ["approve", "reject"] as const) {
  requests
    .command(`${decision} <requestId>`)
    .description(`${decision} a request (the reason is mailed to the requester and the company's Delegated Administrators)`)
    .option("--reason <text>", "the reason shown to the requester")
    .action(async (requestId: string, o: { reason?: string }) => {
      const r = (await api("POST", `/requests/${encodeURIComponent(requestId)}/${decision}`, { body: { reason: o.reason ?? "" } }))
        .body as RequestRow;
      print(r, () => `${decision === "approve" ? "Approved" : "Rejected"} ${r.id}.`);
    });
}

program
  .command("company-sign-up [mode]")
  .description("show or set the company sign-up setting: nomination, request or open (platform administrator)")
  .action(async (mode?: string) => {
    const r = mode
      ? (await api("PUT", "/settings/company-sign-up", { body: { companySignUp: mode } })).body
      : (await api("GET", "/settings/company-sign-up")).body;
    print(r, () => `Company sign-up: ${(r as { companySignUp: string }).companySignUp}`);
  });

// ---------- run ----------
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (error instanceof CliError) {
    if (globals().json && error.problem) process.stderr.write(JSON.stringify(error.problem) + "\n");
    else process.stderr.write(`api-console: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`api-console: ${(error as Error).message}\n`);
    process.exitCode = EXIT.error;
  }
}
