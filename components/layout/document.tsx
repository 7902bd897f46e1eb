// The HTML document around every page: the root layout's, and the "Not found" page's for a path no
// route serves (app/global-not-found.tsx, which Next.js renders without the root layout).
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";

export const siteMetadata: Metadata = {
  title: { default: "API Console", template: "%s · API Console" },
  description: "Register client applications, get credentials and call the platform's APIs.",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "32x32" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-icon.png",
  },
};

export const siteViewport: Viewport = { width: "device-width", initialScale: 1 };

// Sets the theme class before first paint: the saved choice, else the operating system's.
const themeScript = `(function(){try{var t=localStorage.getItem("theme");var d=t?t==="dark":matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;

export async function Document({ children }: { children: React.ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      {/* The App Router's document (the rule is for the pages router's next/head). */}
      {/* eslint-disable-next-line @next/next/no-head-element */}
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
