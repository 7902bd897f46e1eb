import { handlers } from "@/lib/auth";
import { boundedHandler } from "@/lib/http/body";

// Auth.js reads form bodies (CSRF token, sign-out): bounded by the limits table's /api/auth entry.
export const GET = handlers.GET;
export const POST = boundedHandler(handlers.POST);
