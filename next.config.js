import { serverActionBodyLimit } from "./lib/http/limits.js";
import { nextHeaderRules } from "./lib/http/security-headers.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and driver packages stay outside the server bundle.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "pg",
    "@prisma/adapter-pg",
    "@node-rs/argon2",
    "pino",
    "prom-client",
    "rate-limiter-flexible",
    // The docs' MDX compiler and highlighter run on the server only, from node_modules.
    "shiki",
    "@shikijs/rehype",
    "@mdx-js/mdx",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // Server actions: the largest page entry of the limits table (lib/http/limits.js); scripts/serve.ts
    // applies each route's own entry before Next.js reads a byte.
    serverActions: { bodySizeLimit: serverActionBodyLimit() },
    // A path no route serves renders app/global-not-found.tsx on its own (the shell for a signed-in
    // person), so the root "not found" boundary that every page's payload carries stays small
    // (app/not-found.tsx). Measured: docs/performance.md, "The shell rendered once".
    globalNotFound: true,
  },
  // The security headers are defined once (lib/http/security-headers.js).
  async headers() {
    return nextHeaderRules();
  },
};

export default nextConfig;
