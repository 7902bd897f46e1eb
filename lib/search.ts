import "server-only";
// One search: the guide's pages and headings (public) and, for a signed-in viewer who may read the
// catalog, the APIs of their scope. Both ranked and highlighted (lib/docs/search.ts, lib/apis/search.ts).
// In the console (searchConsole) also the viewer's apps and, for administrators, companies and people.
import { searchApis } from "./apis/catalog";
import { catalogScopeFor } from "./apis/scope";
import { highlight, normaliseQuery, type SearchHit, type Segment } from "./apis/search";
import { appActorFor, mayListApps } from "./apps/access";
import { listApps } from "./apps/queries";
import { listCompanies } from "./companies/companies";
import { searchPeople } from "./companies/people-search";
import { searchGuide } from "./docs/content";
import type { DocHit } from "./docs/search";
import { can, canPlatform } from "./permissions";
import { getViewer, type Viewer } from "./server/session";

export interface SearchResultsData {
  docs: DocHit[];
  /** null when the viewer cannot read the catalog (signed out, or no company). */
  apis: SearchHit[] | null;
}

export async function searchEverything(q: string): Promise<SearchResultsData> {
  const viewer = await getViewer();
  const scope = viewer ? catalogScopeFor(viewer) : null;
  const [docs, apis] = await Promise.all([searchGuide(q), scope ? searchApis(scope, q) : Promise.resolve(null)]);
  return { docs, apis };
}

/** What the console's search box and command palette show: one list, each hit with its kind. */
export type ConsoleHitKind = "App" | "API" | "Docs page" | "Company" | "Person";

export interface ConsoleHit {
  kind: ConsoleHitKind;
  /** The hit's name, its matches marked. */
  title: Segment[];
  /** A line of context, its matches marked: the app's status, the API's summary or documentation, the page's section, the person's email. */
  detail: Segment[];
  href: string;
}

const plain = (text: string): Segment[] => [{ text, match: false }];
const words = (segments: Segment[]) => segments.map((s) => s.text).join("");

/**
 * The viewer's apps (their own, or the company's for a DA), the APIs they may use, the guide's pages
 * and, for administrators, companies (platform administrator) and people (the company's for a DA,
 * every company's for the platform administrator). Each source checks the viewer's permissions
 * itself; what the viewer may not see is simply not searched.
 */
export async function searchConsole(viewer: Viewer, q: string, perKind = 5): Promise<ConsoleHit[]> {
  const text = q.trim().slice(0, 100);
  if (!text) return [];
  const terms = normaliseQuery(text);
  const person = { id: viewer.user.id, email: viewer.user.email };
  const scope = viewer.user.emailVerified ? catalogScopeFor(viewer) : null;
  const actor = viewer.user.emailVerified ? appActorFor(viewer) : null;
  const company = viewer.active;
  const [apps, apis, docs, companies, people] = await Promise.all([
    actor && mayListApps(actor) ? listApps(actor, { q: text, limit: perKind }).then((p) => p.apps) : [],
    scope ? searchApis(scope, text) : [],
    searchGuide(text, perKind),
    canPlatform(viewer.user, "companies.read") ? listCompanies(person, { q: text, limit: perKind }).then((p) => p.items) : [],
    company && can(company.roles, "members.read")
      ? searchPeople(person, text, company.companyId, perKind)
      : canPlatform(viewer.user, "companies.read")
        ? searchPeople(person, text, null, perKind)
        : [],
  ]);
  return [
    ...apps.map((a) => ({
      kind: "App" as const,
      title: highlight(a.name, terms),
      detail: plain(a.status.toLowerCase()),
      href: `/apps/${a.id}`,
    })),
    ...apis
      .slice(0, perKind)
      .map((h) => ({ kind: "API" as const, title: h.name, detail: h.snippet ?? h.summary, href: `/apis/${h.slug}` })),
    ...docs.map((d) => ({
      kind: "Docs page" as const,
      title: d.title,
      detail: d.snippet ?? plain([d.parentTitle, d.heading ? words(d.heading) : null].filter(Boolean).join(" › ")),
      href: d.href,
    })),
    ...companies.map((c) => ({
      kind: "Company" as const,
      title: highlight(c.name, terms),
      detail: plain(c.status.toLowerCase()),
      href: `/admin/companies/${c.id}`,
    })),
    ...people.map((p) => ({
      kind: "Person" as const,
      title: p.name ? highlight(p.name, terms) : plain(p.email),
      detail: highlight(company && p.companyId === company.companyId ? p.email : `${p.email}, ${p.companyName}`, terms),
      href: company && p.companyId === company.companyId ? `/company/users/${p.membershipId}` : `/admin/companies/${p.companyId}`,
    })),
  ];
}
