// GET ?q=: the console's search for the signed-in person (the command palette asks it as they type):
// apps, APIs, docs pages and, for administrators, companies and people, each with its kind.
import { z } from "zod";
import { handle, json } from "@/lib/http";
import { searchConsole } from "@/lib/search";
import { requireViewerForRoute } from "@/lib/server/session";

const query = z.object({ q: z.string().max(100).catch("") });
const segment = z.object({ text: z.string(), match: z.boolean() });
const hitOut = z.object({
  kind: z.enum(["App", "API", "Docs page", "Company", "Person"]),
  title: z.array(segment),
  detail: z.array(segment),
  href: z.string().startsWith("/"),
});

export function GET(req: Request): Promise<Response> {
  return handle(async () => {
    const viewer = await requireViewerForRoute();
    const { q } = query.parse({ q: new URL(req.url).searchParams.get("q") ?? "" });
    const hits = await searchConsole(viewer, q);
    return json({ q, hits: z.array(hitOut).parse(hits) });
  });
}
