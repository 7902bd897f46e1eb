// Dates as people read them: "3 days ago", or a time in the person's time zone, with the UTC time for
// a hover title. The one place dates are formatted; pure (browser or server). Every function takes the
// IANA zone to show in (default "UTC"); pages get the viewer's from lib/server/time-zone.ts.
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

export const UTC = "UTC";

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

// memo: one formatter per zone and style (building an Intl.DateTimeFormat is the slow part); bounded by the zones that exist.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, style: string, options: Intl.DateTimeFormatOptions, locale = "en-GB"): Intl.DateTimeFormat {
  const key = `${timeZone}|${style}|${locale}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** True for a zone this runtime knows ("Europe/Berlin", "UTC"); false for anything else. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The IANA zones a person may choose on /account, UTC first. */
export function timeZoneChoices(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [UTC, ...zones.filter((z) => z !== UTC)];
}

/** "3 days ago", "in 5 hours", "now". */
export function timeAgo(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return seconds > 0 ? "in a few seconds" : "just now";
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "second") return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(seconds, "second");
}

/** "25 Nov 2026, 21:54:12 UTC"; in another zone "25 Nov 2026, 16:54:12 GMT-5". */
export function exactTime(date: Date, timeZone: string = UTC): string {
  return formatter(timeZone, "exact", { dateStyle: "medium", timeStyle: "long" }).format(date);
}

/** The zone's short name at that instant: "UTC", "EST", "GMT+1". */
export function zoneName(date: Date, timeZone: string = UTC): string {
  if (timeZone === UTC) return UTC;
  const parts = formatter(timeZone, "zone", { timeZoneName: "short" }, "en-US").formatToParts(date);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/** "2026-01-31 14:05 UTC"; in another zone "2026-01-31 09:05 EST". */
export function formatWhen(date: Date, timeZone: string = UTC): string {
  const parts = formatter(timeZone, "when", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")} ${zoneName(date, timeZone)}`;
}

/** "2026-01-31" in the zone (a day, where the time of day does not matter). */
export function formatDay(date: Date, timeZone: string = UTC): string {
  return formatWhen(date, timeZone).slice(0, 10);
}

/** The hover title of every shown time: the instant in UTC, "2026-01-31 14:05:09 UTC". */
export function utcTitle(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** "Times in Europe/Berlin." under a chart or table of times. */
export function timesIn(timeZone: string): string {
  return `Times in ${timeZone}.`;
}

/** A chart bucket's start for its table and hover title: "09:00", or "24 Nov, 19:00" for buckets of 6 hours or more. */
export function bucketLabel(date: Date, stepMinutes: number, timeZone: string = UTC): string {
  return stepMinutes >= 360
    ? formatter(timeZone, "bucket-day", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
        date,
      )
    : formatter(timeZone, "bucket-time", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
}

/**
 * A bucket's start on a chart's x axis, short enough for five labels on a 300 px plot: "24 Nov" (the
 * bucket's day in the zone) for buckets of 6 hours and more, "Tue 09:00" for hours, "09:00" for minutes.
 * A multi-day chart is read by its days: a bucket that starts at 06:00 (or at 19:00 in New York, as buckets
 * stay aligned to UTC) still reads as its day here, and its exact start is in the bucket's own label.
 */
export function axisLabel(date: Date, stepMinutes: number, timeZone: string = UTC): string {
  if (stepMinutes >= 360) return formatter(timeZone, "axis-day", { month: "short", day: "numeric" }).format(date);
  if (stepMinutes >= 60) {
    return formatter(timeZone, "axis-hour", { weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
  }
  return formatter(timeZone, "bucket-time", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
}
