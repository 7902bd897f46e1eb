import { authorizationServerMetadata } from "@/lib/oauth/metadata";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return Response.json(await authorizationServerMetadata(), { headers: { "cache-control": "public, max-age=300" } });
}
