// GET /gateway/check under `next dev` (serve.ts answers it itself in production): the same handlers
// as every other gateway address.
export { DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT } from "../../[slug]/[[...path]]/route";

export const dynamic = "force-dynamic";
