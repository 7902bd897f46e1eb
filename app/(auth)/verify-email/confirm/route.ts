// GET /verify-email/confirm?token=…: the link of "Verify your email". Verifies (single use) and sends
// the person on: to My Applications when it worked, to /verify-email with the reason otherwise.
import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { contextFromHeaders } from "@/lib/server/request-context";
import { verifyEmail } from "@/lib/users/verification";

export async function GET(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token");
  const outcome = await verifyEmail(token, contextFromHeaders(request.headers));
  const base = env().consoleUrl;
  const to = outcome.ok ? `${base}/apps?verified=1` : `${base}/verify-email?error=${encodeURIComponent(outcome.message)}`;
  return NextResponse.redirect(to, { status: 303, headers: { "cache-control": "no-store", "referrer-policy": "no-referrer" } });
}
