import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { BodyTooLarge, payloadTooLarge, readBoundedText } from "@/lib/http/body";

// Auth.js reads form bodies (CSRF token, sign-out): bounded by the limits table's /api/auth entry
// (scripts/serve.ts refuses over-limit bodies before this runs; this keeps `next dev` bounded too).
export const GET = handlers.GET;

export async function POST(request: NextRequest): Promise<Response> {
  let text: string;
  try {
    text = await readBoundedText(request);
  } catch (error) {
    if (error instanceof BodyTooLarge) return payloadTooLarge(error.limit);
    throw error;
  }
  return handlers.POST(new NextRequest(request.url, { method: "POST", headers: request.headers, body: text }));
}
