// Every entry point × every kind of person → what happens. Pages: shown, sent to /signin, or 404.
// Route handlers: 200, 401 or 404. Server actions (replayed over HTTP with each person's cookies, so the
// action's own check answers, not the page hiding its form): done, or nothing changed.
// "forged" carries a session cookie that is not a valid session: the proxy lets it through (it only
// looks for the cookie), so the page, route or action itself must refuse it.
import { expect, test } from "@playwright/test";
import { makeApp, setAppStatus } from "../tests/factories/apps";
import { makeOAuthApp } from "../tests/factories/oauth";
import { testDb } from "./fixtures/db";
import { asAdmin } from "./fixtures/test";
import { uniqueEmail } from "./helpers";
import { type ActionFields, actionFieldsOf, replayAction } from "./support/actions";
import { addUser, createCompany, memberByEmail, newcomer, type Person, signedOut } from "./support/people";

const KINDS = ["signedOut", "forged", "plain", "developer", "da", "otherDa", "admin"] as const;
type Kind = (typeof KINDS)[number];

test.describe.configure({ mode: "serial" });

let origin = "";
let people: Record<Kind, Person>;
const ids = {
  companyA: "",
  companyB: "",
  companyS: "",
  nameA: "",
  devMembership: "",
  daUser: "",
  devUser: "",
  spareEmail: "",
  app: "",
  appName: "",
  suspendedApp: "",
  suspendedAppName: "",
  helloApi: "",
  authorizeQuery: "",
  tryApp: "",
  tryAppName: "",
};

async function companyDetail(companyId: string) {
  const res = await people.admin.request.get(`/api/admin/companies/${companyId}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as {
    status: string;
    invitations: { id: string; email: string }[];
    members: { membershipId: string; user: { email: string; id: string }; roles: { role: string }[] }[];
    apiAccess: { id: string; slug: string; choice: string }[];
    apps: { id: string; status: string; ownerEmail: string | null }[];
  };
}

test.beforeAll(async ({ browser, baseURL }) => {
  // Signs up and verifies several people and builds two companies: more than one test's worth of work.
  test.setTimeout(300_000);
  origin = baseURL!;
  const stamp = Date.now().toString(36);
  const admin = await asAdmin(browser);
  const daEmail = uniqueEmail("rbac.da");
  const otherDaEmail = uniqueEmail("rbac.otherda");
  ids.nameA = `RBAC A ${stamp}`;
  ids.companyA = await createCompany(admin, ids.nameA, daEmail);
  ids.companyB = await createCompany(admin, `RBAC B ${stamp}`, otherDaEmail);
  ids.companyS = await createCompany(admin, `RBAC Status ${stamp}`, uniqueEmail("rbac.status"));
  const da = await newcomer(browser, "Rita DA", daEmail);
  const otherDa = await newcomer(browser, "Otto Other", otherDaEmail);
  const developer = await newcomer(browser, "Dev Eloper", uniqueEmail("rbac.dev"));
  const plain = await newcomer(browser, "Plain Person", uniqueEmail("rbac.plain"));
  ids.spareEmail = uniqueEmail("rbac.spare");
  await (await newcomer(browser, "Spare Member", ids.spareEmail)).context.close();
  await addUser(da, developer.email, ["API Developer"]);
  await addUser(da, uniqueEmail("rbac.pending"), ["API Developer"]); // a pending invitation on the page
  const dev = await memberByEmail(da, developer.email);
  ids.devMembership = dev.membershipId;
  ids.devUser = dev.user.id;
  ids.daUser = (await memberByEmail(da, daEmail)).user.id;
  ids.appName = `RBAC App ${stamp}`;
  ids.app = (await makeApp(testDb(), ids.companyA, ids.devUser, { name: ids.appName })).id;
  ids.suspendedAppName = `RBAC Suspended ${stamp}`;
  ids.suspendedApp = (await makeApp(testDb(), ids.companyA, ids.devUser, { name: ids.suspendedAppName, status: "SUSPENDED" })).id;
  const forged = await signedOut(browser);
  await forged.context.addCookies([{ name: "authjs.session-token", value: "forged-not-a-session", url: origin }]);
  people = { signedOut: await signedOut(browser), forged, plain, developer, da, otherDa, admin };
  ids.helloApi = (await companyDetail(ids.companyS)).apiAccess.find((a) => a.slug === "hello")!.id;
  // A Client Credentials app of the developer with a live secret and Hello API ("Try it").
  const tryApp = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"], companyId: ids.companyA, name: `RBAC Try ${stamp}` });
  await testDb().app.update({ where: { id: tryApp.appId }, data: { createdById: ids.devUser } });
  ids.tryApp = tryApp.appId;
  ids.tryAppName = tryApp.name;
  const webApp = await makeOAuthApp(testDb(), { grantTypes: ["authorization_code"], companyId: ids.companyB });
  ids.authorizeQuery = new URLSearchParams({
    response_type: "code",
    client_id: webApp.clientId,
    redirect_uri: webApp.redirectUri!,
    scope: "hello",
    state: "rbac",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  }).toString();
});

test.afterAll(async () => {
  for (const p of Object.values(people ?? {})) await p.context.close();
});

// ---------------------------------------------------------------------------------------------- pages

type PageOutcome = "page" | "signin" | "404" | "→/apps" | "→/";
type Row<T> = [label: string, path: () => string, heading: () => string, expected: Record<Kind, T>];

const everyone = <T>(v: T, overrides: Partial<Record<Kind, T>> = {}): Record<Kind, T> =>
  Object.fromEntries(KINDS.map((k) => [k, overrides[k] ?? v])) as Record<Kind, T>;

const PAGES: Row<PageOutcome>[] = [
  ["/apps", () => "/apps", () => "My Applications", everyone<PageOutcome>("page", { signedOut: "signin", forged: "signin" })],
  ["/apis", () => "/apis", () => "APIs", everyone<PageOutcome>("page", { signedOut: "signin", forged: "signin", plain: "404" })],
  [
    "/company/users",
    () => "/company/users",
    () => "Users of",
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", da: "page", otherDa: "page" }),
  ],
  [
    "/company/users/[A's member]",
    () => `/company/users/${ids.devMembership}`,
    () => "Dev Eloper",
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", da: "page" }),
  ],
  [
    "/company/apps",
    () => "/company/apps",
    () => "Apps of",
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", da: "page", otherDa: "page" }),
  ],
  [
    "/company/audit",
    () => "/company/audit",
    () => "Audit log of",
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", da: "page", otherDa: "page" }),
  ],
  [
    "/admin/companies",
    () => "/admin/companies",
    () => "Companies",
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", admin: "page" }),
  ],
  [
    "/admin/companies/[A]",
    () => `/admin/companies/${ids.companyA}`,
    () => ids.nameA,
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", admin: "page" }),
  ],
  [
    "/admin/audit",
    () => "/admin/audit",
    () => "Audit log",
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", admin: "page" }),
  ],
  // Apps, catalog, usage, grants, authorization.
  // Without a company the page explains that registering needs one (its action refuses anyway).
  [
    "/apps/register",
    () => "/apps/register",
    () => "Register an Application",
    everyone<PageOutcome>("page", { signedOut: "signin", forged: "signin" }),
  ],
  [
    "/apps/[A's app]",
    () => `/apps/${ids.app}`,
    () => ids.appName,
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", developer: "page", da: "page" }),
  ],
  // The app page's tabs: Settings (edit, rotate) is the owner's; the Danger zone also the DA's (deactivate).
  [
    "/apps/[A's app]/settings",
    () => `/apps/${ids.app}/settings`,
    () => ids.appName,
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", developer: "page" }),
  ],
  [
    "/apps/[A's app]/danger",
    () => `/apps/${ids.app}/danger`,
    () => ids.appName,
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", developer: "page", da: "page" }),
  ],
  [
    "/apps/[A's app]/activity",
    () => `/apps/${ids.app}/activity`,
    () => ids.appName,
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", developer: "page", da: "page" }),
  ],
  ["/terms", () => "/terms", () => "Terms", everyone<PageOutcome>("page")],
  [
    "/apis/hello",
    () => "/apis/hello",
    () => "Hello API",
    everyone<PageOutcome>("page", { signedOut: "signin", forged: "signin", plain: "404" }),
  ],
  [
    "/admin/apis",
    () => "/admin/apis",
    () => "API catalog",
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", admin: "page" }),
  ],
  [
    "/admin/apis/new",
    () => "/admin/apis/new",
    () => "Add an API",
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", admin: "page" }),
  ],
  [
    "/admin/apis/[Hello]",
    () => `/admin/apis/${ids.helloApi}`,
    () => "Edit Hello API",
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", admin: "page" }),
  ],
  [
    "/company/usage",
    () => "/company/usage",
    () => "Usage of",
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", da: "page", otherDa: "page" }),
  ],
  [
    "/admin/usage",
    () => "/admin/usage",
    () => "Platform usage",
    everyone<PageOutcome>("404", { signedOut: "signin", forged: "signin", admin: "page" }),
  ],
  [
    "/account/grants",
    () => "/account/grants",
    () => "Authorized apps",
    everyone<PageOutcome>("page", { signedOut: "signin", forged: "signin" }),
  ],
  [
    "/oauth2/authorize (valid request)",
    () => `/oauth2/authorize?${ids.authorizeQuery}`,
    () => "Allow",
    everyone<PageOutcome>("page", { signedOut: "signin", forged: "signin" }),
  ],
  // Signed in, /signin sends the person to "/", which lands each role where it acts (landingFor).
  ["/signin", () => "/signin", () => "Sign in", everyone<PageOutcome>("→/", { signedOut: "page", forged: "page" })],
  ["/signup", () => "/signup", () => "Create an account", everyone<PageOutcome>("→/apps", { signedOut: "page", forged: "page" })],
];

async function pageOutcome(p: Person, path: string, heading: string): Promise<string> {
  const res = await p.request.get(path, { maxRedirects: 0 });
  const status = res.status();
  if (status >= 300 && status < 400) {
    const location = new URL(res.headers()["location"] ?? "", origin);
    if (location.pathname === "/signin") return "signin";
    if (location.pathname === "/apps") return "→/apps";
    if (location.pathname === "/") return "→/";
    return `redirect ${location.pathname}`;
  }
  if (status === 404) return "404";
  const html = await res.text();
  const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1]?.replace(/<[^>]+>/g, "") ?? "";
  return status === 200 && h1.includes(heading) ? "page" : `${status} "${h1}"`;
}

test("pages: shown, sent to sign in, or not found, for each kind of person", async () => {
  const mismatches: string[] = [];
  for (const [label, path, heading, expected] of PAGES) {
    for (const kind of KINDS) {
      const got = await pageOutcome(people[kind], path(), heading());
      if (got !== expected[kind]) mismatches.push(`${label} as ${kind}: expected ${expected[kind]}, got ${got}`);
    }
  }
  expect(mismatches).toEqual([]);
});

// ------------------------------------------------------------------------------------ route handlers

const ROUTES: [string, () => string, Record<Kind, number>][] = [
  ["GET /api/health", () => "/api/health", everyone(200)],
  ["GET /api/company/members", () => "/api/company/members", everyone(404, { signedOut: 401, forged: 401, da: 200, otherDa: 200 })],
  [
    "GET /api/company/members/[A's member]",
    () => `/api/company/members/${ids.devMembership}`,
    everyone(404, { signedOut: 401, forged: 401, da: 200 }),
  ],
  ["GET /api/company/apps", () => "/api/company/apps", everyone(404, { signedOut: 401, forged: 401, da: 200, otherDa: 200 })],
  ["GET /api/company/audit", () => "/api/company/audit", everyone(404, { signedOut: 401, forged: 401, da: 200, otherDa: 200 })],
  ["GET /api/admin/companies", () => "/api/admin/companies", everyone(404, { signedOut: 401, forged: 401, admin: 200 })],
  [
    "GET /api/admin/companies/[A]",
    () => `/api/admin/companies/${ids.companyA}`,
    everyone(404, { signedOut: 401, forged: 401, admin: 200 }),
  ],
  ["GET /api/admin/audit", () => "/api/admin/audit", everyone(404, { signedOut: 401, forged: 401, admin: 200 })],
  [
    "GET /usage/export?app=[A's app]",
    () => `/usage/export?app=${ids.app}&range=day`,
    everyone(404, { signedOut: 401, forged: 401, developer: 200, da: 200, admin: 200 }),
  ], // the platform administrator sees every scope
  [
    "GET /usage/export?company=current",
    () => "/usage/export?company=current&range=day",
    everyone(404, { signedOut: 401, forged: 401, da: 200, otherDa: 200 }),
  ],
  ["GET /usage/export?all=1", () => "/usage/export?all=1&range=day", everyone(404, { signedOut: 401, forged: 401, admin: 200 })],
];

test("route handlers: 200, 401 or 404 for each kind of person, and a DA only ever sees their own company", async () => {
  const mismatches: string[] = [];
  for (const [label, path, expected] of ROUTES) {
    for (const kind of KINDS) {
      const res = await people[kind].request.get(path(), { maxRedirects: 0 });
      if (res.status() !== expected[kind]) mismatches.push(`${label} as ${kind}: expected ${expected[kind]}, got ${res.status()}`);
      if (res.status() >= 400) {
        const body = (await res.json().catch(() => ({ error: "not JSON" }))) as { error: string };
        if (!["unauthenticated", "not_found"].includes(body.error))
          mismatches.push(`${label} as ${kind}: error body ${JSON.stringify(body)}`);
      }
    }
  }
  expect(mismatches).toEqual([]);
  const own = (await (await people.otherDa.request.get("/api/company/members")).json()) as {
    company: { id: string };
    members: { user: { email: string } }[];
  };
  expect(own.company.id).toBe(ids.companyB);
  expect(own.members.map((m) => m.user.email)).toEqual([people.otherDa.email]);
  const apps = (await (await people.da.request.get("/api/company/apps")).json()) as { apps: Record<string, unknown>[] };
  expect(apps.apps.map((a) => a.name).sort()).toEqual([ids.appName, ids.suspendedAppName, ids.tryAppName].sort());
  for (const a of apps.apps) expect(Object.keys(a).sort()).toEqual(["createdAt", "id", "name", "owner", "status", "suspendedReason"]);
});

// ----------------------------------------------------------------------------------- server actions

interface ActionCase {
  name: string;
  /** The page showing the form to `source`, and the path it is posted to. */
  page: () => string;
  postTo?: (fields: Record<string, string | string[]>) => string;
  form: () => string;
  source: "da" | "admin" | "developer";
  allowed: Kind[];
  prepare: () => Promise<Record<string, string | string[]>>;
  done: (fields: Record<string, string | string[]>) => Promise<boolean>;
  /** Puts things back after an allowed attempt (as the allowed person). */
  reset?: (
    fields: Record<string, string | string[]>,
    replayAs: (kind: Kind, fields: Record<string, string | string[]>) => Promise<unknown>,
  ) => Promise<void>;
}

async function companyMembers(da: Person) {
  const res = await da.request.get("/api/company/members");
  return (await res.json()) as {
    members: { membershipId: string; user: { email: string }; roles: { role: string }[] }[];
    invitations: { id: string; email: string }[];
  };
}
async function companyApps() {
  const res = await people.da.request.get("/api/company/apps");
  return ((await res.json()) as { apps: { id: string; status: string; owner: { id: string } | null }[] }).apps;
}

const ACTIONS: ActionCase[] = [
  {
    name: "create company",
    page: () => "/admin/companies",
    form: () => "Create a company",
    source: "admin",
    allowed: ["admin"],
    prepare: async () => ({
      name: `RBAC New ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      daEmails: uniqueEmail("rbac.new"),
    }),
    done: async (f) => {
      const res = await people.admin.request.get(`/api/admin/companies?q=${encodeURIComponent(String(f.name))}`);
      return ((await res.json()) as { companies: unknown[] }).companies.length === 1;
    },
  },
  {
    name: "nominate DA",
    page: () => `/admin/companies/${ids.companyS}`,
    form: () => "Nominate Delegated Administrators",
    source: "admin",
    allowed: ["admin"],
    prepare: async () => ({ companyId: ids.companyS, daEmails: uniqueEmail("rbac.nominee") }),
    done: async (f) => (await companyDetail(ids.companyS)).invitations.some((i) => i.email === f.daEmails),
  },
  {
    name: "suspend company",
    page: () => `/admin/companies/${ids.companyS}`,
    form: () => "Company status",
    source: "admin",
    allowed: ["admin"],
    prepare: async () => ({ companyId: ids.companyS, status: "SUSPENDED" }),
    done: async () => (await companyDetail(ids.companyS)).status === "SUSPENDED",
    reset: async (_f, as) => void (await as("admin", { companyId: ids.companyS, status: "ACTIVE" })),
  },
  {
    name: "set API access",
    page: () => `/admin/companies/${ids.companyS}`,
    form: () => "Access to Hello API",
    source: "admin",
    allowed: ["admin"],
    prepare: async () => ({ companyId: ids.companyS, apiId: ids.helloApi, access: "deny" }),
    done: async () => (await companyDetail(ids.companyS)).apiAccess.find((a) => a.id === ids.helloApi)!.choice === "deny",
    reset: async (_f, as) => void (await as("admin", { companyId: ids.companyS, apiId: ids.helloApi, access: "default" })),
  },
  {
    name: "withdraw nomination",
    page: () => `/admin/companies/${ids.companyS}`,
    form: () => "Withdraw the invitation for ",
    source: "admin",
    allowed: ["admin"],
    prepare: async () => {
      const email = uniqueEmail("rbac.withdrawn");
      const nominate = await actionFieldsOf(people.admin.request, `/admin/companies/${ids.companyS}`, "Nominate Delegated Administrators");
      await replayAction(
        people.admin.request,
        `/admin/companies/${ids.companyS}`,
        nominate,
        { companyId: ids.companyS, daEmails: email },
        origin,
      );
      const inv = (await companyDetail(ids.companyS)).invitations.find((i) => i.email === email)!;
      return { companyId: ids.companyS, invitationId: inv.id };
    },
    done: async (f) => !(await companyDetail(ids.companyS)).invitations.some((i) => i.id === f.invitationId),
  },
  {
    name: "add user",
    page: () => "/company/users",
    form: () => "Add a user",
    source: "da",
    allowed: ["da"], // another company's DA adds to their own company, never to A
    prepare: async () => ({ email: uniqueEmail("rbac.added"), roles: ["API_DEVELOPER"] }),
    done: async (f) => (await companyDetail(ids.companyA)).invitations.some((i) => i.email === f.email),
  },
  {
    name: "change roles",
    page: () => `/company/users/${ids.devMembership}`,
    form: () => "Roles",
    source: "da",
    allowed: ["da"],
    prepare: async () => ({ membershipId: ids.devMembership, roles: ["API_DEVELOPER", "DELEGATED_ADMIN"] }),
    done: async () =>
      (await companyDetail(ids.companyA)).members
        .find((m) => m.membershipId === ids.devMembership)!
        .roles.some((r) => r.role === "DELEGATED_ADMIN"),
    reset: async (_f, as) => void (await as("da", { membershipId: ids.devMembership, roles: ["API_DEVELOPER"] })),
  },
  {
    name: "remove member",
    page: () => `/company/users/${ids.devMembership}`,
    postTo: (f) => `/company/users/${f.membershipId}`,
    form: () => "Remove from company",
    source: "da",
    allowed: ["da"],
    prepare: async () => {
      let spare = (await companyMembers(people.da)).members.find((m) => m.user.email === ids.spareEmail);
      if (!spare) {
        const add = await actionFieldsOf(people.da.request, "/company/users", "Add a user");
        await replayAction(people.da.request, "/company/users", add, { email: ids.spareEmail, roles: ["API_DEVELOPER"] }, origin);
        spare = (await companyMembers(people.da)).members.find((m) => m.user.email === ids.spareEmail)!;
      }
      return { membershipId: spare.membershipId, confirm: "1" };
    },
    done: async () => !(await companyMembers(people.da)).members.some((m) => m.user.email === ids.spareEmail),
  },
  {
    name: "withdraw invitation",
    page: () => "/company/users",
    form: () => "Withdraw the invitation for ",
    source: "da",
    allowed: ["da"],
    prepare: async () => {
      const email = uniqueEmail("rbac.invitee");
      const add = await actionFieldsOf(people.da.request, "/company/users", "Add a user");
      await replayAction(people.da.request, "/company/users", add, { email, roles: ["API_DEVELOPER"] }, origin);
      return { invitationId: (await companyMembers(people.da)).invitations.find((i) => i.email === email)!.id };
    },
    done: async (f) => !(await companyMembers(people.da)).invitations.some((i) => i.id === f.invitationId),
  },
  {
    name: "reassign app",
    page: () => "/company/apps",
    form: () => `Reassign ${ids.appName}`,
    source: "da",
    allowed: ["da"],
    prepare: async () => ({ appId: ids.app, toUserId: ids.daUser }),
    done: async () => (await companyApps()).find((a) => a.id === ids.app)!.owner?.id === ids.daUser,
    reset: async (_f, as) => void (await as("da", { appId: ids.app, toUserId: ids.devUser })),
  },
  {
    name: "suspend app",
    page: () => "/company/apps",
    form: () => `Status of ${ids.appName}`,
    source: "da",
    allowed: ["da"],
    prepare: async () => ({ appId: ids.app, to: "SUSPENDED", reason: "role table" }),
    done: async () => (await companyApps()).find((a) => a.id === ids.app)!.status === "SUSPENDED",
    reset: async (_f, as) => void (await as("da", { appId: ids.app, to: "ACTIVE" })),
  },
  {
    name: "restore app",
    page: () => "/company/apps",
    form: () => `Status of ${ids.suspendedAppName}`,
    source: "da",
    allowed: ["da"],
    prepare: async () => ({ appId: ids.suspendedApp, to: "ACTIVE" }),
    done: async () => (await companyApps()).find((a) => a.id === ids.suspendedApp)!.status === "ACTIVE",
    reset: async (_f, as) => void (await as("da", { appId: ids.suspendedApp, to: "SUSPENDED" })),
  },
  // The app page's actions, checked by the action itself.
  {
    name: "deactivate app (app page)",
    page: () => `/apps/${ids.app}/danger`,
    form: () => "Deactivate application",
    source: "da",
    allowed: ["developer", "da"],
    prepare: async () => ({}),
    done: async () => (await companyApps()).find((a) => a.id === ids.app)!.status === "INACTIVE",
    reset: async () => void (await setAppStatus(testDb(), ids.app, "ACTIVE")),
  },
  {
    name: "Try it: get a token and call Hello API (uses the secret: owner only)",
    page: () => `/apps/${ids.tryApp}`,
    form: () => "Try Hello API",
    source: "developer",
    allowed: ["developer"],
    prepare: async () => ({ stamp: String(await testDb().auditLog.count({ where: { targetId: ids.tryApp, event: "app.hello_tried" } })) }),
    done: async (f) => (await testDb().auditLog.count({ where: { targetId: ids.tryApp, event: "app.hello_tried" } })) > Number(f.stamp),
  },
];

/** Finds the form: an exact aria-label, or the first whose label starts with the given text. */
async function fieldsFor(c: ActionCase): Promise<ActionFields> {
  const source = people[c.source];
  const label = c.form();
  if (!label.endsWith(" ")) return actionFieldsOf(source.request, c.page(), label);
  const html = await (await source.request.get(c.page())).text();
  const m = new RegExp(`aria-label="(${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[^"]+)"`).exec(html);
  if (!m) throw new Error(`no form starting "${label}" on ${c.page()}`);
  return actionFieldsOf(source.request, c.page(), m[1]!.replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
}

test("server actions: done only for the people allowed; for anyone else nothing changes", async () => {
  test.setTimeout(240_000);
  const mismatches: string[] = [];
  for (const c of ACTIONS) {
    const action = await fieldsFor(c);
    const replayAs = (kind: Kind, fields: Record<string, string | string[]>) =>
      replayAction(people[kind].request, c.postTo?.(fields) ?? c.page(), action, fields, origin);
    for (const kind of KINDS) {
      const fields = await c.prepare();
      const res = await replayAs(kind, fields);
      const done = await c.done(fields);
      const expected = c.allowed.includes(kind);
      if (done !== expected)
        mismatches.push(
          `${c.name} as ${kind}: expected ${expected ? "done" : "nothing changed"}, got ${done ? "done" : "nothing changed"} (HTTP ${res.status})`,
        );
      if (kind === "signedOut" || kind === "forged") {
        // Refused before anything ran: a redirect to sign in (the proxy's, or the action's own for a forged cookie).
        const location = new URL(res.location ?? "/", origin).pathname;
        if (!(res.status >= 300 && res.status < 400 && location === "/signin"))
          mismatches.push(`${c.name} as ${kind}: expected a redirect to /signin, got ${res.status} ${res.location}`);
      }
      if (done && c.reset) await c.reset(fields, replayAs);
    }
  }
  expect(mismatches).toEqual([]);
});
