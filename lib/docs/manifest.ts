// The public guide's table of contents (pure, client-safe): one ordered list of pages. Previous / Next
// follow this order; Up goes to the parent page (the OAuth 2.0 Topics pages sit under /docs/oauth2, the
// Kinds of App pages under /docs/kinds-of-app).
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
    slug: "kinds-of-app",
    title: "Kinds of App",
    description: "Web server, single-page, native, machine to machine, device: which one, and what it changes.",
    file: "kinds-of-app/index",
    parent: "",
  },
  {
    slug: "kinds-of-app/web-server",
    title: "Web Server Apps",
    description: "A server acting for a person: Authorization Code with a Client Secret, OpenID Connect, sign-out.",
    file: "kinds-of-app/web-server",
    parent: "kinds-of-app",
  },
  {
    slug: "kinds-of-app/single-page",
    title: "Single-Page Apps",
    description: "A browser app: no secret, PKCE, allowed web origins (CORS).",
    file: "kinds-of-app/single-page",
    parent: "kinds-of-app",
  },
  {
    slug: "kinds-of-app/native",
    title: "Native and Mobile Apps",
    description: "Phone and desktop apps: system browser, PKCE, loopback and private-use scheme redirects.",
    file: "kinds-of-app/native",
    parent: "kinds-of-app",
  },
  {
    slug: "kinds-of-app/machine-to-machine",
    title: "Machine-to-Machine Apps",
    description: "Backends and jobs acting for themselves with Client Credentials.",
    file: "kinds-of-app/machine-to-machine",
    parent: "kinds-of-app",
  },
  {
    slug: "kinds-of-app/device",
    title: "Device and CLI Apps",
    description: "TVs, kiosks and command-line tools: the device authorization grant (RFC 8628).",
    file: "kinds-of-app/device",
    parent: "kinds-of-app",
  },
  {
    slug: "token-developer-guide",
    title: "Token Developer Guide",
    description: "Every endpoint, parameter, response and error of the token service.",
    file: "token-developer-guide",
    parent: "",
  },
  {
    slug: "private-key-jwt",
    title: "Private key JWT",
    description: "An app authenticates with a key pair instead of a Client Secret (RFC 7523).",
    file: "private-key-jwt",
    parent: "",
  },
  {
    slug: "dynamic-client-registration",
    title: "Dynamic Client Registration",
    description: "Software registers its own app with an initial access token (RFC 7591, RFC 7592).",
    file: "dynamic-client-registration",
    parent: "",
  },
  {
    slug: "api-user-guide",
    title: "API User Guide",
    description: "The console's pages, one by one, with screenshots.",
    file: "api-user-guide",
    parent: "",
  },
  {
    slug: "two-step-sign-in",
    title: "Two-Step Sign-In and Passkeys",
    description: "Authenticator apps, passkeys, recovery codes, step-up and company policies.",
    file: "two-step-sign-in",
    parent: "",
  },
  {
    slug: "leaked-secrets",
    title: "Last Used, Stale Apps and Leaked Secrets",
    description: "When each app and secret was last used, stale apps, and secrets revoked when a scanner finds them in public.",
    file: "leaked-secrets",
    parent: "",
  },
  {
    slug: "personal-access-tokens",
    title: "Personal Access Tokens",
    description: "Tokens that let scripts and CI use the management API as you, for one company.",
    file: "personal-access-tokens",
    parent: "",
  },
  {
    slug: "management-api",
    title: "Management API",
    description: "Apps, members, usage and audit as JSON under /api/v1, with its OpenAPI reference.",
    file: "management-api",
    parent: "",
  },
  {
    slug: "cli",
    title: "Command Line (api-console)",
    description: "The api-console command: log in with a token, manage apps and members from a terminal or CI.",
    file: "cli",
    parent: "",
  },
  {
    slug: "running-the-console",
    title: "Running the Console",
    description: "For operators: start-up, PostgreSQL, every setting, health, metrics, backups.",
    file: "running-the-console",
    parent: "",
  },
  {
    slug: "gateway",
    title: "Put your API behind the console",
    description: "For API teams: the gateway, its checks and headers, verifying X-Console-Assertion, NGINX and Envoy.",
    file: "gateway",
    parent: "",
  },
  {
    slug: "single-sign-on",
    title: "Company Single Sign-On and SCIM",
    description: "Sign in through your company's identity provider; verified domains; SCIM provisioning.",
    file: "single-sign-on",
    parent: "",
  },
  { slug: "faq", title: "FAQ", description: "Questions partners ask most.", file: "faq", parent: "" },
];

/** The printable guides: each one page made of several guide pages, and a PDF built by scripts/docs-pdf.ts. */
export const PRINTABLE_GUIDES = [
  {
    id: "api-console-user-guide",
    title: "API Console User Guide",
    pages: [
      "",
      "overview",
      "getting-started",
      "api-user-guide",
      "two-step-sign-in",
      "personal-access-tokens",
      "management-api",
      "cli",
      "running-the-console",
      "faq",
    ],
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
      "kinds-of-app",
      "kinds-of-app/web-server",
      "kinds-of-app/single-page",
      "kinds-of-app/native",
      "kinds-of-app/machine-to-machine",
      "kinds-of-app/device",
      "private-key-jwt",
      "dynamic-client-registration",
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
