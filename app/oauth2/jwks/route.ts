import { publishedJwks } from "@/lib/oauth/keys";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  // Short caching: after a rotation, verifiers see the new key within a minute (the old one stays published).
  return Response.json(await publishedJwks(), {
    headers: { "content-type": "application/jwk-set+json", "cache-control": "public, max-age=60" },
  });
}
