import { describe, expect, it } from "vitest";
import { exactTime, timeAgo } from "./format";

describe("times", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  it("says how long ago, in words", () => {
    expect(timeAgo(new Date("2026-11-22T12:00:00Z"), now)).toBe("3 days ago");
    expect(timeAgo(new Date("2026-11-24T11:00:00Z"), now)).toBe("yesterday");
    expect(timeAgo(new Date("2026-11-25T11:58:00Z"), now)).toBe("2 minutes ago");
    expect(timeAgo(new Date("2026-11-25T11:59:50Z"), now)).toBe("just now");
    expect(timeAgo(new Date("2026-11-26T12:00:00Z"), now)).toBe("tomorrow");
    expect(timeAgo(new Date("2026-11-25T17:00:00Z"), now)).toBe("in 5 hours");
  });
  it("gives the exact time in UTC", () => {
    expect(exactTime(now)).toBe("25 Nov 2026, 12:00:00 UTC");
  });
});
