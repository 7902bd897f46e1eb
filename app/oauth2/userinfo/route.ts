import { preflight } from "@/lib/oauth/cors";
import { processUserinfoRequest } from "@/lib/oauth/userinfo";
import { oauthWebHandler } from "../web-handler";

export const dynamic = "force-dynamic";

export const GET = oauthWebHandler(processUserinfoRequest);
export const POST = GET;

export function OPTIONS(request: Request): Promise<Response> {
  return preflight(request, "GET, POST");
}
