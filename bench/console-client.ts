// Drives the console as a browser without JavaScript does, through the running server only: server
// actions replayed from their forms' hidden fields, session cookies kept per person. Used by
// bench/load.ts and scripts/faults.ts to sign in, create a company and register apps (app
// registrations go through the server in the fault and load scripts, not through lib/).

const decode = (s: string) =>
  s.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** The hidden server-action fields of the first form on a page (of the form that contains `marker`, if given). */
export function actionFieldsIn(html: string, marker?: string): Record<string, string> {
  let scope = html;
  if (marker) {
    const at = html.indexOf(marker);
    const start = at >= 0 ? html.lastIndexOf("<form", at) : -1;
    if (start >= 0) scope = html.slice(start, html.indexOf("</form>", at) + 7);
  }
  const fields: Record<string, string> = {};
  for (const m of scope.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?\/?>/g))
    fields[m[1]!] = decode(m[2] ?? "");
  if (!Object.keys(fields).length) throw new Error("no server action form found");
  return fields;
}

export function actionForm(fields: Record<string, string>, values: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  return form;
}

export class ConsoleSession {
  private cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }

  async get(path: string): Promise<{ status: number; html: string; location: string | null }> {
    const res = await fetch(this.base + path, { headers: { cookie: this.cookieHeader() }, redirect: "manual" });
    this.keep(res);
    return { status: res.status, html: await res.text(), location: res.headers.get("location") };
  }

  /** Posts a server action's form; answers the status and the redirect target. */
  async post(path: string, form: FormData): Promise<{ status: number; location: string | null; html: string }> {
    const res = await fetch(this.base + path, {
      method: "POST",
      body: form,
      headers: { origin: this.base, cookie: this.cookieHeader() },
      redirect: "manual",
    });
    this.keep(res);
    return { status: res.status, location: res.headers.get("location"), html: await res.text() };
  }

  /** Signs in through /signin's server action. True when a session cookie was set. */
  async signIn(email: string, password: string): Promise<boolean> {
    const fields = actionFieldsIn((await this.get("/signin")).html);
    const r = await this.post("/signin", actionForm(fields, { email, password, callbackUrl: "" }));
    return r.status === 303 && [...this.cookies.keys()].some((k) => k.includes("authjs.session-token"));
  }

  /** The platform administrator creates a company with `daEmail` as its Delegated Administrator. */
  async createCompany(name: string, daEmail: string): Promise<void> {
    const page = await this.get("/admin/companies");
    const fields = actionFieldsIn(page.html, 'name="daEmails"');
    const r = await this.post("/admin/companies", actionForm(fields, { name, daEmails: daEmail }));
    if (r.status >= 400) throw new Error(`create company answered ${r.status}`);
  }

  /**
   * Registers an app through /apps/register (the signed-in person must be an API Developer), subscribed
   * to every API offered, and reads its Client ID and Client Secret from the "Application Registered" page.
   */
  async registerApp(name: string, grantTypes: string[]): Promise<{ appId: string; clientId: string; clientSecret: string }> {
    const page = await this.get("/apps/register");
    if (page.status !== 200) throw new Error(`/apps/register answered ${page.status}`);
    const fields = actionFieldsIn(page.html, 'name="termsVersion"');
    const termsVersion = /name="termsVersion" value="([^"]*)"/.exec(page.html)?.[1] ?? "";
    const apiIds = [...page.html.matchAll(/name="apiIds" value="([^"]+)"/g)].map((m) => m[1]!);
    const r = await this.post(
      "/apps/register",
      actionForm(fields, { name, description: "", grantTypes, redirectUri: "", apiIds, acceptTerms: "on", termsVersion }),
    );
    const appId = /\/apps\/(app_[A-Za-z0-9]+)\?registered=1/.exec(r.location ?? "")?.[1];
    if (r.status !== 303 || !appId) throw new Error(`registration answered ${r.status} ${r.location ?? ""} ${r.html.slice(0, 200)}`);
    const shown = await this.get(`/apps/${appId}?registered=1`);
    const value = (id: string) => decode(new RegExp(`id="${id}"[^>]*?value="([^"]*)"`).exec(shown.html)?.[1] ?? "");
    const clientId = value("client-id");
    const clientSecret = value("client-secret");
    if (!clientId || !clientSecret) throw new Error(`the registered page shows no credentials (${shown.status})`);
    return { appId, clientId, clientSecret };
  }
}
