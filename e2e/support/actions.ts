// Server actions called over HTTP the way a browser without JavaScript submits a form: the form's
// hidden $ACTION_* fields (taken from a page that shows the form to someone allowed to use it) plus
// the fields, POSTed to a page. Replayed with another person's cookies, this asks the action itself —
// not the page that hides its form — whether that person may do it.
import { type APIRequestContext, expect } from "@playwright/test";

export type ActionFields = Record<string, string>;

const decode = (s: string) =>
  s
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
const encode = (s: string) => s.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** The $ACTION_* fields of the form named `formLabel` (its aria-label) on the page. */
export async function actionFieldsOf(request: APIRequestContext, pagePath: string, formLabel: string): Promise<ActionFields> {
  const res = await request.get(pagePath);
  expect(res.status(), `GET ${pagePath}`).toBe(200);
  const html = await res.text();
  const start = html.indexOf(`aria-label="${encode(formLabel)}"`);
  if (start < 0) throw new Error(`no form "${formLabel}" on ${pagePath}`);
  const form = html.slice(start, html.indexOf("</form>", start));
  const fields: ActionFields = {};
  for (const m of form.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?\/?>/g))
    fields[m[1]!] = decode(m[2] ?? "");
  if (!Object.keys(fields).some((k) => k.startsWith("$ACTION_"))) throw new Error(`form "${formLabel}" has no action fields`);
  return fields;
}

export interface Replayed {
  status: number;
  location: string | undefined;
  body: string;
}

/** Submits the action with the fields (arrays repeat a field, e.g. roles) as whoever `request` is. */
export async function replayAction(
  request: APIRequestContext,
  pagePath: string,
  action: ActionFields,
  fields: Record<string, string | string[]>,
  origin: string,
): Promise<Replayed> {
  const form = new FormData();
  for (const [k, v] of Object.entries(action)) form.append(k, v);
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  const res = await request.post(pagePath, { multipart: form, headers: { origin }, maxRedirects: 0 });
  return { status: res.status(), location: res.headers()["location"], body: await res.text() };
}
