import "server-only";
// The time zone a page shows dates in: the one the person chose on /account, else their browser's
// (written to the TIME_ZONE_COOKIE by components/time/time-zone-sync.tsx on first load), else UTC.
// Server components render in it, so the HTML the browser hydrates already says the right times.
import { cookies } from "next/headers";
import { cache } from "react";
import { isTimeZone, UTC } from "../format";
import { getViewer } from "./session";

export const TIME_ZONE_COOKIE = "console_tz";

export interface ViewerTimeZone {
  /** The zone dates are shown in. */
  zone: string;
  /** The zone the person saved on /account (null: the browser's). */
  saved: string | null;
}

export const viewerTimeZoneChoice = cache(async (): Promise<ViewerTimeZone> => {
  const viewer = await getViewer();
  const saved = viewer?.user.timeZone && isTimeZone(viewer.user.timeZone) ? viewer.user.timeZone : null;
  if (saved) return { zone: saved, saved };
  const browser = decoded((await cookies()).get(TIME_ZONE_COOKIE)?.value);
  return { zone: browser && isTimeZone(browser) ? browser : UTC, saved: null };
});

function decoded(raw: string | undefined): string | undefined {
  try {
    return raw?.includes("%") ? decodeURIComponent(raw) : raw;
  } catch {
    return undefined;
  }
}

/** The IANA zone the viewer reads dates in ("UTC" for a signed-out visitor without the cookie). */
export async function viewerTimeZone(): Promise<string> {
  return (await viewerTimeZoneChoice()).zone;
}
