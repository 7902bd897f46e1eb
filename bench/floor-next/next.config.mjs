// The bare Next.js app of the page floor (bench/floor.ts): nothing but Next.js's defaults, no headers,
// no middleware, no external packages. Built by bench/floor.ts from a copy under .tmp/floor-next.

/** @type {import('next').NextConfig} */
const nextConfig = { poweredByHeader: false };

export default nextConfig;
