// /requests/{requestId}/approve — the rows of lib/management/routes.ts for this path (auth, permissions, zod, problem JSON in lib/management/api.ts).
import { routeHandlers } from "@/lib/management/api";
import { ROUTES } from "@/lib/management/routes";

export const dynamic = "force-dynamic";
export const { POST } = routeHandlers(ROUTES, "/requests/{requestId}/approve");
