// Arbitraries for hostile input: malformed, overlong, wrongly-typed, unicode and injection-shaped.
import fc from "fast-check";
import { expect } from "vitest";
import { AppError } from "../lib/errors";

const INJECTIONS = [
  "' OR '1'='1",
  '\'; DROP TABLE "User"; --',
  '" OR 1=1 --',
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "${7*7}",
  "{{7*7}}",
  "../../etc/passwd",
  "%00",
  "\u0000",
  "\u202e\u0041\u0042",
  "admin@example.com\r\nBcc: x@example.com",
  "𝕳𝖊𝖑𝖑𝖔",
  "Ｅｍａｉｌ＠ｅｘａｍｐｌｅ．ｃｏｍ",
  "🦄".repeat(50),
  " ",
  "",
];

export const hostileString = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.integer({ min: 200, max: 20_000 }).map((n) => "x".repeat(n)),
  fc.tuple(fc.constantFrom(...INJECTIONS), fc.emailAddress()).map(([a, b]) => a + b),
  fc.emailAddress(),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false, 0, -1, Number.NaN, Infinity, 1e308) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), hostileString, { maxKeys: 3 }) },
);

/** Objects with the given keys (some missing), each holding a hostile value. */
export function hostileRecord(keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(keys.map((k) => [k, hostileValue])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;
}

export const CLIENT_ERRORS = new Set([
  "bad_request",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "validation",
  "rate_limited",
]);

/** The call either succeeds or fails with a client error that has a human message; never a 500. */
export async function expectClientErrorOrSuccess(run: () => Promise<unknown>): Promise<"ok" | "refused"> {
  try {
    await run();
    return "ok";
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(CLIENT_ERRORS.has(e.code), `${e.code}: ${e.message}`).toBe(true);
    expect(e.message.length).toBeGreaterThan(5);
    expect(e.message).not.toMatch(/prisma|sql|stack|undefined|\[object/i);
    return "refused";
  }
}

export const fuzzTally = { inputs: 0 };
export const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
