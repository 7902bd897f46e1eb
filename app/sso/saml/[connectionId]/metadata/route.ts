// The console's SAML service-provider metadata for one connection (entity ID, ACS URL): public, as
// identity providers fetch it. Thin: lib/sso/saml.ts writes it.
import { serviceProviderMetadata } from "@/lib/sso/saml";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ connectionId: string }> }): Promise<Response> {
  const xml = await serviceProviderMetadata((await params).connectionId);
  if (!xml) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(xml, { headers: { "content-type": "application/samlmetadata+xml; charset=utf-8", "cache-control": "no-store" } });
}
