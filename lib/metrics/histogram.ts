// Latency histogram buckets shared by the recorder, the queries and the charts (pure, client-safe).
export const BUCKET_BOUNDS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, Infinity] as const;
export const BUCKET_COLUMNS = [
  "le1",
  "le2",
  "le5",
  "le10",
  "le25",
  "le50",
  "le100",
  "le250",
  "le500",
  "le1000",
  "le2500",
  "le5000",
  "leInf",
] as const;
export type BucketColumn = (typeof BUCKET_COLUMNS)[number];

export function bucketIndex(latencyMs: number): number {
  for (let i = 0; i < BUCKET_BOUNDS_MS.length; i++) if (latencyMs <= BUCKET_BOUNDS_MS[i]!) return i;
  return BUCKET_BOUNDS_MS.length - 1;
}

/**
 * The p-th percentile (0 < p ≤ 1) of a histogram, interpolated linearly inside its bucket (the last,
 * open bucket answers its lower bound). Null for an empty histogram.
 */
export function percentile(counts: readonly number[], p: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = p * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > 0 && seen + c >= rank) {
      const lower = i === 0 ? 0 : BUCKET_BOUNDS_MS[i - 1]!;
      const upper = BUCKET_BOUNDS_MS[i]!;
      if (!Number.isFinite(upper)) return lower;
      return lower + ((rank - seen) / c) * (upper - lower);
    }
    seen += c;
  }
  return BUCKET_BOUNDS_MS[BUCKET_BOUNDS_MS.length - 2]!;
}

export type Outcome = "success" | "client_error" | "server_error";

export function outcomeOf(status: number): Outcome {
  return status >= 500 ? "server_error" : status >= 400 ? "client_error" : "success";
}
