import { describe, expect, it } from "vitest";

import {
  BASE_LOCK_MINUTES,
  MAX_FAILED_CODES,
  type SecondFactorLockState,
  formatLockNotice,
  isLocked,
  lockMinutes,
  lockRemainingMs,
  registerFailedCode,
  registerSuccess,
} from "./second-factor-lock";

const START = new Date("2030-01-01T12:00:00Z");
const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);
const fresh: SecondFactorLockState = { failedCodes: 0, lockCount: 0, lockedUntil: null };

// Submits wrong codes one after another, as the sign-in action would, from `now`.
function failTimes(state: SecondFactorLockState, times: number, now: Date) {
  let current = { ...state, lockedNow: false };
  for (let i = 0; i < times; i++) current = registerFailedCode(current, now);
  return current;
}

describe("registerFailedCode", () => {
  it("does not lock after four wrong codes", () => {
    const state = failTimes(fresh, 4, START);
    expect(state).toEqual({ failedCodes: 4, lockCount: 0, lockedUntil: null, lockedNow: false });
    expect(isLocked(state, START)).toBe(false);
  });

  it("locks for 15 minutes on the fifth and starts counting again", () => {
    expect(MAX_FAILED_CODES).toBe(5);
    expect(BASE_LOCK_MINUTES).toBe(15);
    const state = failTimes(fresh, 5, START);
    expect(state).toEqual({
      failedCodes: 0,
      lockCount: 1,
      lockedUntil: minutesAfter(START, 15),
      lockedNow: true,
    });
  });

  it("doubles each further lock: 15, 30, 60 minutes", () => {
    let state: SecondFactorLockState = fresh;
    let now = START;
    for (const expected of [15, 30, 60, 120]) {
      const locked = failTimes(state, 5, now);
      expect(locked.lockedNow).toBe(true);
      expect(locked.lockedUntil).toEqual(minutesAfter(now, expected));
      expect(isLocked(locked, minutesAfter(now, expected) /* the instant it ends */)).toBe(false);
      expect(isLocked(locked, new Date(locked.lockedUntil!.getTime() - 1))).toBe(true);
      state = locked;
      now = locked.lockedUntil!;
    }
  });

  it("stops doubling at 24 hours", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 40, 5000].map(lockMinutes)).toEqual([
      15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440, 1440,
    ]);
    const locked = failTimes({ failedCodes: 0, lockCount: 5000, lockedUntil: null }, 5, START);
    expect(locked.lockedUntil).toEqual(minutesAfter(START, 24 * 60));
  });

  it("reports lockedNow only on the failure that locks", () => {
    const fourth = failTimes(fresh, 4, START);
    const fifth = registerFailedCode(fourth, START);
    const sixth = registerFailedCode(fifth, minutesAfter(START, 15));
    expect([fourth.lockedNow, fifth.lockedNow, sixth.lockedNow]).toEqual([false, true, false]);
    expect(sixth.lockedUntil).toEqual(fifth.lockedUntil);
  });
});

describe("registerSuccess", () => {
  it("resets the run of wrong codes, so four more do not lock", () => {
    const afterSuccess = registerSuccess(failTimes(fresh, 4, START));
    expect(afterSuccess.failedCodes).toBe(0);
    expect(failTimes(afterSuccess, 4, START).lockedNow).toBe(false);
  });

  it("keeps the count of past locks, so the next lock is still doubled", () => {
    const locked = failTimes(fresh, 5, START);
    const afterSuccess = registerSuccess(failTimes(locked, 2, locked.lockedUntil!));
    expect(afterSuccess.lockCount).toBe(1);
    const relocked = failTimes(afterSuccess, 5, locked.lockedUntil!);
    expect(relocked.lockedUntil).toEqual(minutesAfter(locked.lockedUntil!, 30));
  });
});

describe("isLocked and lockRemainingMs", () => {
  const state = { lockedUntil: minutesAfter(START, 15) };

  it("counts down to zero and stays there", () => {
    expect(lockRemainingMs(state, START)).toBe(15 * 60_000);
    expect(lockRemainingMs(state, minutesAfter(START, 14))).toBe(60_000);
    expect(lockRemainingMs(state, minutesAfter(START, 15))).toBe(0);
    expect(lockRemainingMs(state, minutesAfter(START, 60))).toBe(0);
    expect(isLocked(state, minutesAfter(START, 14.99))).toBe(true);
    expect(isLocked(state, minutesAfter(START, 16))).toBe(false);
  });

  it("is never locked without a lock time", () => {
    expect(isLocked({ lockedUntil: null }, START)).toBe(false);
    expect(lockRemainingMs({ lockedUntil: null }, START)).toBe(0);
  });
});

describe("formatLockNotice", () => {
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
    expect(formatLockNotice(minutesAfter(START, minutesLeft), START)).toBe(
      `Too many wrong codes. Try again in ${words}.`,
    );
  });
});
