import { toResponse as toWebResponse } from "@/lib/http/answer";
import { processParRequest } from "@/lib/oauth/par";
import { fromWebRequest } from "@/lib/oauth/params";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return toWebResponse(await processParRequest(await fromWebRequest(request)));
}

export async function GET(request: Request): Promise<Response> {
  return toWebResponse(await processParRequest(await fromWebRequest(request)));
}
