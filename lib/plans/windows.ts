// Pure: the windows of a plan's limits and the IETF RateLimit headers (draft-ietf-httpapi-ratelimit-
// headers: `RateLimit-Policy: "minute";q=60;w=60, "day";q=5;w=86400` and `RateLimit: "day";r=0;t=3600`).
// The rate counts UTC minutes; the quotas count UTC days and UTC months.

export interface PlanLimits {
  ratePerMinute: number | null;
  callsPerDay: number | null;
  callsPerMonth: number | null;
}

export type PolicyName = "minute" | "day" | "month";

export interface Window {
  policy: PolicyName;
  /** The window's key, e.g. `r:29446500` (minute since the epoch), `d:2026-12-06`, `m:2026-12`. */
  key: string;
  limit: number;
  /** Window length in seconds (a month's length varies). */
  seconds: number;
  /** Seconds until the window ends (at least 1). */
  secondsLeft: number;
}

const DAY_MS = 86_400_000;

export function hasLimits(l: PlanLimits): boolean {
  return l.ratePerMinute !== null || l.callsPerDay !== null || l.callsPerMonth !== null;
}

export function dayKey(now: number): string {
  return `d:${new Date(now).toISOString().slice(0, 10)}`;
}

export function monthKey(now: number): string {
  return `m:${new Date(now).toISOString().slice(0, 7)}`;
}

function monthBounds(now: number): { start: number; end: number } {
  const d = new Date(now);
  return { start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), end: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) };
}

/** The windows a plan counts in at `now`: quotas first (day, month), then the rate. */
export function windowsOf(limits: PlanLimits, now: number): Window[] {
  const out: Window[] = [];
  const left = (end: number) => Math.max(1, Math.ceil((end - now) / 1000));
  if (limits.callsPerDay !== null) {
    const end = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
    out.push({ policy: "day", key: dayKey(now), limit: limits.callsPerDay, seconds: 86_400, secondsLeft: left(end) });
  }
  if (limits.callsPerMonth !== null) {
    const { start, end } = monthBounds(now);
    out.push({ policy: "month", key: monthKey(now), limit: limits.callsPerMonth, seconds: (end - start) / 1000, secondsLeft: left(end) });
  }
  if (limits.ratePerMinute !== null) {
    const minute = Math.floor(now / 60_000);
    out.push({ policy: "minute", key: `r:${minute}`, limit: limits.ratePerMinute, seconds: 60, secondsLeft: left((minute + 1) * 60_000) });
  }
  return out;
}

/** `RateLimit-Policy` and `RateLimit` for the windows and their counts (after this call). */
export function rateLimitHeaders(windows: readonly Window[], counts: readonly number[]): Record<string, string> {
  if (windows.length === 0) return {};
  return {
    "ratelimit-policy": windows.map((w) => `"${w.policy}";q=${w.limit};w=${w.seconds}`).join(", "),
    ratelimit: windows.map((w, i) => `"${w.policy}";r=${Math.max(0, w.limit - (counts[i] ?? 0))};t=${w.secondsLeft}`).join(", "),
  };
}

export type Verdict = { ok: true } | { ok: false; error: "rate_limited" | "quota_exceeded"; retryAfter: number };

/**
 * Whether one more call fits, given the counts before it. An exhausted quota wins over the rate (waiting
 * a minute would not help); with several exhausted, the latest end is the one to wait for.
 */
export function verdictOf(windows: readonly Window[], before: readonly number[]): Verdict {
  let quota = 0;
  let rate = 0;
  windows.forEach((w, i) => {
    if ((before[i] ?? 0) < w.limit) return;
    if (w.policy === "minute") rate = Math.max(rate, w.secondsLeft);
    else quota = Math.max(quota, w.secondsLeft);
  });
  if (quota) return { ok: false, error: "quota_exceeded", retryAfter: quota };
  if (rate) return { ok: false, error: "rate_limited", retryAfter: rate };
  return { ok: true };
}
