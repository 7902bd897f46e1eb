import { toResponse as toWebResponse } from "@/lib/http/answer";
import { preflight } from "@/lib/oauth/cors";
import { processDeviceAuthorizationRequest } from "@/lib/oauth/device";
import { fromWebRequest } from "@/lib/oauth/params";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return toWebResponse(await processDeviceAuthorizationRequest(await fromWebRequest(request)));
}

export async function GET(request: Request): Promise<Response> {
  return toWebResponse(await processDeviceAuthorizationRequest(await fromWebRequest(request)));
}

export function OPTIONS(request: Request): Promise<Response> {
  return preflight(request, "POST");
}
