// The public guide's table of contents (pure, client-safe): one ordered list of pages. Previous / Next
// follow this order; Up goes to the parent page (the OAuth 2.0 Topics pages sit under /docs/oauth2).
// Each page is an MDX file under content/docs/ (the `file` path, without the extension).
export interface DocPage {
  /** URL path under /docs ("" is /docs itself). */
  slug: string;
  title: string;
  description: string;
  file: string;
  /** Slug of the parent page (null for the guide's first page). */
  parent: string | null;
}

export const DOC_PAGES: readonly DocPage[] = [
  {
    slug: "",
    title: "Platform Introduction",
    description: "What the API Console is, who uses it and what it gives you.",
    file: "index",
    parent: null,
  },
  {
    slug: "overview",
    title: "Overview",
    description: "Companies, roles, apps, APIs and tokens: how the pieces fit.",
    file: "overview",
    parent: "",
  },
  {
    slug: "getting-started",
    title: "Getting Started",
    description: "From sign-up to your first API call in five steps.",
    file: "getting-started",
    parent: "",
  },
  {
    slug: "oauth2",
    title: "OAuth 2.0 Topics",
    description: "The grant types the token service supports, one page each.",
    file: "oauth2/index",
    parent: "",
  },
  {
    slug: "oauth2/authorization-code",
    title: "Authorization Code",
    description: "A web server or app acting for a person, with PKCE S256.",
    file: "oauth2/authorization-code",
    parent: "oauth2",
  },
  {
    slug: "oauth2/client-credentials",
    title: "Client Credentials",
    description: "Machine to machine: the app acts for itself.",
    file: "oauth2/client-credentials",
    parent: "oauth2",
  },
  {
    slug: "oauth2/implicit",
    title: "Implicit",
    description: "A browser app gets the token in the redirect's fragment (legacy).",
    file: "oauth2/implicit",
    parent: "oauth2",
  },
  {
    slug: "oauth2/resource-owner-credentials",
    title: "Resource Owner Credentials",
    description: "The app sends a person's email and password (legacy).",
    file: "oauth2/resource-owner-credentials",
    parent: "oauth2",
  },
  {
    slug: "oauth2/refresh-token",
    title: "Refresh Token",
    description: "New access tokens without asking the person again; rotation.",
    file: "oauth2/refresh-token",
    parent: "oauth2",
  },
  {
    slug: "token-developer-guide",
    title: "Token Developer Guide",
    description: "Every endpoint, parameter, response and error of the token service.",
    file: "token-developer-guide",
    parent: "",
  },
  {
    slug: "api-user-guide",
    title: "API User Guide",
    description: "The console's pages, one by one, with screenshots.",
    file: "api-user-guide",
    parent: "",
  },
  { slug: "faq", title: "FAQ", description: "Questions partners ask most.", file: "faq", parent: "" },
];

/** The printable guides: each one page made of several guide pages, and a PDF built by scripts/docs-pdf.ts. */
export const PRINTABLE_GUIDES = [
  {
    id: "api-console-user-guide",
    title: "API Console User Guide",
    pages: ["", "overview", "getting-started", "api-user-guide", "faq"],
  },
  {
    id: "token-developer-guide",
    title: "Token Developer Guide",
    pages: [
      "token-developer-guide",
      "oauth2",
      "oauth2/authorization-code",
      "oauth2/client-credentials",
      "oauth2/implicit",
      "oauth2/resource-owner-credentials",
      "oauth2/refresh-token",
    ],
  },
] as const;

export type PrintableGuideId = (typeof PRINTABLE_GUIDES)[number]["id"];

export function docHref(slug: string): string {
  return slug ? `/docs/${slug}` : "/docs";
}

export function findDocPage(slug: string): DocPage | undefined {
  return DOC_PAGES.find((p) => p.slug === slug);
}

/** Previous, Up and Next of a page (in the guide's reading order). */
export function neighbours(slug: string): { previous: DocPage | null; up: DocPage | null; next: DocPage | null } {
  const i = DOC_PAGES.findIndex((p) => p.slug === slug);
  if (i < 0) return { previous: null, up: null, next: null };
  const page = DOC_PAGES[i]!;
  return {
    previous: i > 0 ? DOC_PAGES[i - 1]! : null,
    up: page.parent === null ? null : (findDocPage(page.parent) ?? null),
    next: i < DOC_PAGES.length - 1 ? DOC_PAGES[i + 1]! : null,
  };
}

/** The chain of parents, for the breadcrumb (root first, the page itself excluded). */
export function ancestors(slug: string): DocPage[] {
  const out: DocPage[] = [];
  let page = findDocPage(slug);
  while (page && page.parent !== null) {
    const parent = findDocPage(page.parent);
    if (!parent) break;
    out.unshift(parent);
    page = parent;
  }
  return out;
}
