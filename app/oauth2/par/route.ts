import { processParRequest } from "@/lib/oauth/par";
import { oauthWebHandler } from "../web-handler";

export const dynamic = "force-dynamic";

export const POST = oauthWebHandler(processParRequest);
export const GET = POST;
