import "./globals.css";
import type { Metadata, Viewport } from "next";
import { Document, siteMetadata, siteViewport } from "@/components/layout/document";

export const metadata: Metadata = siteMetadata;
export const viewport: Viewport = siteViewport;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <Document>{children}</Document>;
}
