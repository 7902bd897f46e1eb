// Under `next dev` (or without scripts/serve.ts): the same gateway module serve.ts answers with.
import { gatewayResponse } from "@/lib/gateway/web";

export const dynamic = "force-dynamic";

export const GET = gatewayResponse;
export const HEAD = gatewayResponse;
export const POST = gatewayResponse;
export const PUT = gatewayResponse;
export const PATCH = gatewayResponse;
export const DELETE = gatewayResponse;
export const OPTIONS = gatewayResponse;
