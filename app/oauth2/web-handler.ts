// The Next route of an OAuth endpoint that answers GET and POST alike (device authorization, PAR,
// userinfo): the web request becomes the transport-neutral one, the endpoint's lib function decides.
import { type HttpAnswer, toResponse } from "@/lib/http/answer";
import { fromWebRequest, type OAuthHttpRequest } from "@/lib/oauth/params";

export function oauthWebHandler(process: (request: OAuthHttpRequest) => Promise<HttpAnswer>) {
  return async (request: Request): Promise<Response> => toResponse(await process(await fromWebRequest(request)));
}
