import { preflight } from "@/lib/oauth/cors";
import { processDeviceAuthorizationRequest } from "@/lib/oauth/device";
import { oauthWebHandler } from "../web-handler";

export const dynamic = "force-dynamic";

export const POST = oauthWebHandler(processDeviceAuthorizationRequest);
export const GET = POST;

export function OPTIONS(request: Request): Promise<Response> {
  return preflight(request, "POST");
}
