import "./globals.css";
import type { Metadata, Viewport } from "next";
import { Document, siteMetadata, siteViewport } from "@/components/layout/document";
import { MaybeShell } from "@/components/layout/maybe-shell";
import { NotFoundBody } from "@/components/layout/not-found-body";

// A path no route serves: inside the app shell for a signed-in person, the public frame otherwise.
// Next.js renders this file on its own, without the root layout (experimental.globalNotFound in
// next.config.js). As app/not-found.tsx it was also rendered into every page's payload, as the root
// layout's "not found" boundary: the whole shell a second time on every signed-in page.
export const metadata: Metadata = { ...siteMetadata, title: "Not found · API Console" };
export const viewport: Viewport = siteViewport;

export default function GlobalNotFound() {
  return (
    <Document>
      <MaybeShell>
        <NotFoundBody />
      </MaybeShell>
    </Document>
  );
}
