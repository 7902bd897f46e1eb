import "server-only";
// The printable guides' PDFs, built by `npm run docs:pdf` (scripts/docs-pdf.ts, system Chromium) into
// DATA_DIR/guides/. Where none was built, no download link is shown and the route answers 404.
import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { env } from "../env";
import { PRINTABLE_GUIDES, type PrintableGuideId } from "./manifest";

export function pdfDir(): string {
  return path.join(env().dataDir, "guides");
}

export function pdfFile(id: PrintableGuideId): string {
  return path.join(pdfDir(), `${id}.pdf`);
}

export function isGuideId(id: string): id is PrintableGuideId {
  return PRINTABLE_GUIDES.some((g) => g.id === id);
}

export async function availablePdfs(): Promise<PrintableGuideId[]> {
  const out: PrintableGuideId[] = [];
  for (const g of PRINTABLE_GUIDES) {
    try {
      await access(pdfFile(g.id));
      out.push(g.id);
    } catch {}
  }
  return out;
}

export async function readGuidePdf(id: string): Promise<Buffer | null> {
  if (!isGuideId(id)) return null;
  try {
    return await readFile(pdfFile(id));
  } catch {
    return null;
  }
}
