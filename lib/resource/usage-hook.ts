import "server-only";
// The hook for API usage metrics: protectApi() calls recordApiCall once per call that carried a valid
// token (success, client error or server error, with its latency). Metrics themselves are a later
// issue (UsageCounter in the schema); until then this does nothing. Keep it fast and never throwing:
// it runs on every API call.
import type { VerifiedAccessToken } from "../oauth/verify-access-token";

export interface ApiCall {
  token: VerifiedAccessToken;
  apiSlug: string;
  status: number;
  latencyMs: number;
}

export function recordApiCall(call: ApiCall): void {
  void call;
}
