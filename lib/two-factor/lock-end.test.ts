import { describe, expect, it } from "vitest";
import { formatLockEnd } from "./lock-end";

describe("formatLockEnd", () => {
  const now = new Date("2030-01-01T12:00:00Z");

  it("names the time the lock ends, in UTC on the server", () => {
    expect(formatLockEnd(new Date("2030-01-01T12:15:00Z"), now)).toBe(
      "Verification is locked until 12:15 UTC.",
    );
  });

  it("adds the date when the lock ends on another day", () => {
    expect(formatLockEnd(new Date("2030-01-02T11:00:00Z"), now)).toBe(
      "Verification is locked until 11:00 UTC on 2 Jan 2030.",
    );
  });

  it("writes the person's own time zone when the browser knows it", () => {
    expect(formatLockEnd(new Date("2030-01-01T12:15:00Z"), now, "Europe/Berlin")).toBe(
      "Verification is locked until 13:15 CET.",
    );
  });
});
