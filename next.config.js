/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and driver packages stay outside the server bundle.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "pg",
    "@prisma/adapter-pg",
    "@node-rs/argon2",
    // The docs' MDX compiler and highlighter run on the server only, from node_modules.
    "shiki",
    "@shikijs/rehype",
    "@mdx-js/mdx",
  ],
  poweredByHeader: false,
  // Server actions take up to 2 MB: the OpenAPI upload on /admin/apis/<id> carries a document of up
  // to OPENAPI_MAX_BYTES (1 MiB, lib/apis/openapi.ts) as a file or as text.
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
        ],
      },
      {
        // The consent page must not be framed (clickjacking of "Allow"; the proxy's CSP also says
        // frame-ancestors 'none') and must not leak the authorization request in a Referer.
        source: "/oauth2/authorize",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "no-referrer" },
        ],
      },
    ];
  },
};

export default nextConfig;
