"use client";
// Tells the server the browser's time zone: on first load (and when the browser's zone changes) it
// writes the cookie lib/server/time-zone.ts reads and asks for the page again, so server components
// render dates in it. Nothing is rendered, so hydration never differs; a zone saved on /account wins.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function TimeZoneSync({ cookie, rendered, saved }: { cookie: string; rendered: string; saved: boolean }) {
  const router = useRouter();
  useEffect(() => {
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!browser) return;
    const current = document.cookie
      .split("; ")
      .find((c) => c.startsWith(`${cookie}=`))
      ?.slice(cookie.length + 1);
    if (current === encodeURIComponent(browser)) return;
    document.cookie = `${cookie}=${encodeURIComponent(browser)}; path=/; max-age=31536000; samesite=lax`;
    if (!saved && browser !== rendered) router.refresh();
  }, [cookie, rendered, saved, router]);
  return null;
}
