// Usage a page can draw: counters for an app that rise and fall like real traffic (e2e/layout.spec.ts,
// e2e/screenshots.spec.ts).
import { newId } from "../../lib/ids";
import { testDb } from "../fixtures/db";

/**
 * One counter row per point: 5 to 85 successful calls, by the point's place `k` in the wave, and three
 * client errors at every ninth point.
 */
export async function seedWavyUsage(ids: { companyId: string; appId: string; apiId: string }, points: { minute: number; k: number }[]) {
  await testDb().usageCounter.createMany({
    data: points.flatMap(({ minute, k }) => {
      const calls = 45 + Math.round(25 * Math.sin(k / 3.8) + 15 * Math.cos(k / 11)); // 5 to 85 a bucket
      const base = { ...ids, minute };
      return [
        {
          ...base,
          id: newId("usage"),
          outcome: "success",
          calls,
          latencyTotalMs: calls * 12,
          le10: Math.round(calls * 0.6),
          le25: calls - Math.round(calls * 0.6),
        },
        ...(k % 9 === 0 ? [{ ...base, id: newId("usage"), outcome: "client_error", calls: 3, latencyTotalMs: 15, le5: 3 }] : []),
      ];
    }),
  });
}
