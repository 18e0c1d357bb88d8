import { describe, expect, it } from "vitest";
import { formatDateTime } from "./date-time";

describe("formatDateTime", () => {
  it("writes day, short month, year, 24-hour time and the zone", () => {
    expect(formatDateTime(new Date("2026-12-07T19:32:45Z"))).toBe("7 Dec 2026, 19:32 UTC");
  });

  it("writes the moment in UTC whatever the server's zone", () => {
    expect(formatDateTime(new Date("2026-01-01T00:05:00+02:00"))).toBe("31 Dec 2025, 22:05 UTC");
  });
});
