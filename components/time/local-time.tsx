import { formatWhen, utcTitle } from "@/lib/format";
import { viewerTimeZone } from "@/lib/server/time-zone";

/** A time in `zone`, "2026-11-25 16:54 EST", with the UTC time on hover: for lists that read the zone once. */
export function LocalTimeIn({ date, zone, className }: { date: Date; zone: string; className?: string }) {
  return (
    <time dateTime={date.toISOString()} title={utcTitle(date)} className={className}>
      {formatWhen(date, zone)}
    </time>
  );
}

/** A time in the viewer's zone, "2026-11-25 16:54 EST", with the UTC time on hover. */
export async function LocalTime({ date, className }: { date: Date; className?: string }) {
  return <LocalTimeIn date={date} zone={await viewerTimeZone()} className={className} />;
}
