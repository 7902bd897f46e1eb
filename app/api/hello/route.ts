import { handleHello } from "@/lib/resource/hello";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleHello(request);
}
