import { formatWhen, timeAgo, utcTitle } from "@/lib/format";
import { viewerTimeZone } from "@/lib/server/time-zone";

/** RelativeTime in a zone the caller read once (a long list renders no async component per row). */
export function RelativeTimeIn({ date, zone, prefix, now }: { date: Date; zone: string; prefix?: string; now?: Date }) {
  return (
    <time
      dateTime={date.toISOString()}
      title={`${formatWhen(date, zone)} · ${utcTitle(date)}`}
      className="time-rel" // app/globals.css
    >
      {prefix ? `${prefix} ` : ""}
      {timeAgo(date, now)}
    </time>
  );
}

/**
 * "registered 3 days ago", with the time in the viewer's zone and in UTC on hover (and for assistive
 * technology via title): "2026-11-25 16:54 EST · 2026-11-25 21:54:12 UTC".
 */
export async function RelativeTime({ date, prefix, now }: { date: Date; prefix?: string; now?: Date }) {
  return <RelativeTimeIn date={date} zone={await viewerTimeZone()} prefix={prefix} now={now} />;
}
