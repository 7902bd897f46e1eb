// GET /docs/pdf/<guide>: the PDF built by `npm run docs:pdf`, or 404 where none was built.
import { readGuidePdf } from "@/lib/docs/pdf";

export async function GET(_request: Request, { params }: { params: Promise<{ guide: string }> }) {
  const { guide } = await params;
  const pdf = await readGuidePdf(guide);
  if (!pdf) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${guide}.pdf"`,
      "cache-control": "public, max-age=300",
    },
  });
}
