import { describe, expect, it } from "vitest";
import { sayFailure } from "@/words/say-failure";
import { isLocked, lockFailure, lockMinutes } from "./code-lock";

// The counting of wrong codes, and the locks it makes in the database, are tested in
// test/integration/second-step-lock.test.ts and re-checks.test.ts.

const START = new Date("2030-01-01T12:00:00Z");
const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

describe("lockMinutes", () => {
  it("doubles each further lock from 15 minutes and stops at 24 hours", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 40, 5000].map(lockMinutes)).toEqual([
      15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440, 1440,
    ]);
  });
});

describe("isLocked", () => {
  const state = { lockedUntil: minutesAfter(START, 15) };

  it("holds until the lock's end, not at it", () => {
    expect(isLocked(state, minutesAfter(START, 14.99))).toBe(true);
    expect(isLocked(state, minutesAfter(START, 15))).toBe(false);
    expect(isLocked(state, minutesAfter(START, 60))).toBe(false);
  });

  it("is never locked without a lock time", () => {
    expect(isLocked({ lockedUntil: null }, START)).toBe(false);
  });
});

describe("lockFailure", () => {
  it.each([
    [15, "15 minutes"],
    [14.01, "15 minutes"],
    [1, "1 minute"],
    [0.01, "1 minute"],
    [0, "1 minute"],
    [2, "2 minutes"],
    [59.5, "1 hour"],
    [60, "1 hour"],
    [61, "1 hour 1 minute"],
    [90, "1 hour 30 minutes"],
    [120, "2 hours"],
    [24 * 60, "24 hours"],
  ])("says %s minutes left as %j", (minutesLeft, words) => {
    expect(sayFailure(lockFailure(minutesAfter(START, minutesLeft), START))).toBe(
      `Too many wrong codes. Try again in ${words}.`,
    );
  });
});
