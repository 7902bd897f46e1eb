import { toResponse as toWebResponse } from "@/lib/http/answer";
import { preflight } from "@/lib/oauth/cors";
import { fromWebRequest } from "@/lib/oauth/params";
import { processUserinfoRequest } from "@/lib/oauth/userinfo";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return toWebResponse(await processUserinfoRequest(await fromWebRequest(request)));
}

export async function POST(request: Request): Promise<Response> {
  return toWebResponse(await processUserinfoRequest(await fromWebRequest(request)));
}

export function OPTIONS(request: Request): Promise<Response> {
  return preflight(request, "GET, POST");
}
