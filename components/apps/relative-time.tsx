import { exactTime, timeAgo } from "@/lib/format";

/** "registered 3 days ago", with the exact time on hover (and for assistive technology via title). */
export function RelativeTime({ date, prefix, now }: { date: Date; prefix?: string; now?: Date }) {
  return (
    <time dateTime={date.toISOString()} title={exactTime(date)} className="underline decoration-dotted underline-offset-2">
      {prefix ? `${prefix} ` : ""}
      {timeAgo(date, now)}
    </time>
  );
}
