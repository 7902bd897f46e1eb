import { describe, expect, it } from "vitest";
import { axisLabel, bucketLabel, exactTime, formatWhen, isTimeZone, timeAgo, timesIn, timeZoneChoices, utcTitle } from "./format";

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

describe("times in a time zone", () => {
  const winter = new Date("2026-01-15T15:30:09Z");
  const summer = new Date("2026-07-15T15:30:09Z");
  it("shows the time in the zone, with its short name, and UTC by default", () => {
    expect(formatWhen(winter)).toBe("2026-01-15 15:30 UTC");
    expect(formatWhen(winter, "America/New_York")).toBe("2026-01-15 10:30 EST");
    expect(formatWhen(summer, "America/New_York")).toBe("2026-07-15 11:30 EDT");
    expect(formatWhen(winter, "Europe/Berlin")).toBe("2026-01-15 16:30 GMT+1");
    expect(formatWhen(new Date("2026-01-15T23:30:00Z"), "Asia/Tokyo")).toBe("2026-01-16 08:30 GMT+9");
    expect(exactTime(winter, "America/New_York")).toBe("15 Jan 2026, 10:30:09 GMT-5");
  });
  it("keeps the UTC instant for the hover title", () => {
    expect(utcTitle(winter)).toBe("2026-01-15 15:30:09 UTC");
  });
  it("knows the zones people may choose, and refuses others", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    const zones = timeZoneChoices();
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("America/New_York");
    expect(new Set(zones).size).toBe(zones.length);
  });
  it("labels chart buckets in the zone, while the buckets stay aligned to UTC", () => {
    const midnightUtc = new Date("2026-01-15T00:00:00Z");
    expect(axisLabel(midnightUtc, 1440)).toBe("15 Jan");
    expect(axisLabel(midnightUtc, 1440, "America/New_York")).toBe("14 Jan");
    // Six-hour buckets (30 days) read by their day too, whatever hour they start at: five fit a phone.
    expect(axisLabel(new Date("2026-11-10T06:00:00Z"), 360)).toBe("10 Nov");
    expect(axisLabel(midnightUtc, 60, "Europe/Berlin")).toBe("Thu 01:00");
    expect(bucketLabel(midnightUtc, 1440, "Europe/Berlin")).toBe("15 Jan, 01:00");
    expect(bucketLabel(midnightUtc, 5, "Asia/Kolkata")).toBe("05:30");
    expect(timesIn("Europe/Berlin")).toBe("Times in Europe/Berlin.");
  });
});
