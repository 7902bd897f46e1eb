// ESLint (`npm run lint`, zero warnings): eslint-config-next's Core Web Vitals set (Next.js, React,
// react-hooks, jsx-a11y) and its TypeScript set (typescript-eslint's recommended rules), imports in one
// sorted block (simple-import-sort), and eslint-config-prettier last so that no rule argues with Prettier.
import Module from "node:module";

// typescript-eslint parses with TypeScript's JavaScript compiler API, which TypeScript 7 (the project's tsc)
// does not ship. In this ESLint process only, `typescript` is TypeScript 6, installed under
// scripts/lint/typescript (its own tsc stays out of node_modules/.bin). Set before the configs load.
const typescript6 = Module.createRequire(new URL("./scripts/lint/typescript/package.json", import.meta.url)).resolve(
  "typescript/package.json",
);
const typescript6Dir = typescript6.slice(0, -"/package.json".length);
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const redirected =
    request === "typescript" || request.startsWith("typescript/") ? typescript6Dir + request.slice("typescript".length) : request;
  return resolveFilename.call(this, redirected, ...rest);
};

const { defineConfig, globalIgnores } = await import("eslint/config");
const { default: nextVitals } = await import("eslint-config-next/core-web-vitals");
const { default: nextTypescript } = await import("eslint-config-next/typescript");
const { default: simpleImportSort } = await import("eslint-plugin-simple-import-sort");
const { default: prettier } = await import("eslint-config-prettier/flat");

// The domain modules of lib/: the only folders whose files import the database client (lib/db.ts).
const DOMAIN = [
  "apis",
  "apps",
  "audit",
  "companies",
  "events",
  "gateway",
  "idempotency",
  "jobs",
  "mail",
  "metrics",
  "oauth",
  "onboarding",
  "plans",
  "scim",
  "secret-scanning",
  "security",
  "sso",
  "terms",
  "try-it",
  "users",
  "webhooks",
];
const NO_DATABASE = [
  {
    regex: "(^|/)db$|(^|/)generated/|^@prisma/client",
    message: "Only the domain modules of lib/ read and write the database: call a domain function (docs/architecture.md).",
  },
];
const NO_PLUMBING = [
  {
    regex: "(^|/)server/(session|actions|pages)$|^(\\.\\./)+(actions|management)/|^@/lib/(actions|management)(/|$)",
    message: "A domain module does not import the request plumbing above it (session, actions, pages, management API).",
  },
];
const NO_UI = [{ regex: "^@/(app|components)/|^(\\.\\./)+(app|components)/", message: "lib/ does not import from app/ or components/." }];

export default defineConfig([
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "**/node_modules/**",
    "lib/generated/**",
    "data/**",
    ".tmp/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
  ...nextVitals,
  ...nextTypescript,
  {
    name: "api-console/imports",
    plugins: { "simple-import-sort": simpleImportSort },
    rules: {
      // One block, as the code is written: side effects ("server-only") first, then node:, packages, @/, relative.
      "simple-import-sort/imports": ["error", { groups: [["^\\u0000", "^node:", "^@?\\w", "^@/", "^", "^\\."]] }],
    },
  },
  {
    name: "api-console/rules",
    rules: {
      // eslint-config-next makes these two warnings; here every finding fails.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-unused-expressions": "error",
    },
  },
  // Import directions (docs/architecture.md "Import directions"), so CI holds them:
  // - only the domain modules of lib/ (and the database layer itself) import the database client;
  // - the domain modules never import the request plumbing above them (session, actions, pages, the
  //   management API), so nothing in the domain depends on how a request arrived;
  // - nothing in lib/ imports from app/ or components/.
  {
    name: "api-console/domain-modules",
    files: DOMAIN.map((d) => `lib/${d}/**/*.{ts,tsx}`),
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...NO_PLUMBING, ...NO_UI] }] },
  },
  {
    name: "api-console/non-domain-lib",
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "lib/db.ts", "lib/db/**", "lib/generated/**", ...DOMAIN.map((d) => `lib/${d}/**`)],
    rules: { "no-restricted-imports": ["error", { patterns: [...NO_DATABASE, ...NO_UI] }] },
  },
  {
    name: "api-console/entry-points",
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "proxy.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: NO_DATABASE }] },
  },
  {
    // Playwright's fixture callback is named `use`, and bench/'s `useConsole` sets up a process: no React here.
    name: "api-console/not-react",
    files: ["e2e/**", "bench/**", "tests/**", "scripts/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  prettier,
]);
