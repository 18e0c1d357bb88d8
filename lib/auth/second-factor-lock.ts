// Lock arithmetic for the second sign-in step (docs/rules.md, rule 4). Pure: the caller loads the
// counters from the database, applies one of these, and writes the result back atomically.

export const MAX_FAILED_CODES = 5;
export const BASE_LOCK_MINUTES = 15;
// Doubling stops at 24 hours (15 min × 2^7 would be 32 h), from the 8th lock on: long enough
// to make guessing hopeless, short enough that a real user is never shut out for days.
export const MAX_LOCK_MINUTES = 24 * 60;

const MINUTE_MS = 60_000;

export type SecondFactorLockState = {
  /** Consecutive wrong codes since the last success or lock. */
  failedCodes: number;
  /** How many times this account has been locked before. */
  lockCount: number;
  lockedUntil: Date | null;
};

export type FailedCodeOutcome = SecondFactorLockState & { lockedNow: boolean };

/** The lock length for an account locked `lockCount` times before. */
export function lockMinutes(lockCount: number): number {
  return Math.min(BASE_LOCK_MINUTES * 2 ** Math.max(0, lockCount), MAX_LOCK_MINUTES);
}

/**
 * Counts one wrong code. Callers refuse codes while `isLocked` without calling this, so a
 * lock is never extended by attempts made during it.
 */
export function registerFailedCode(state: SecondFactorLockState, now: Date): FailedCodeOutcome {
  const failedCodes = state.failedCodes + 1;
  if (failedCodes < MAX_FAILED_CODES) {
    return { ...state, failedCodes, lockedNow: false };
  }
  return {
    failedCodes: 0,
    lockCount: state.lockCount + 1,
    lockedUntil: new Date(now.getTime() + lockMinutes(state.lockCount) * MINUTE_MS),
    lockedNow: true,
  };
}

/** A right code ends the run of failures; past locks still count towards the next one. */
export function registerSuccess(state: SecondFactorLockState): SecondFactorLockState {
  return { ...state, failedCodes: 0 };
}

export function isLocked(state: Pick<SecondFactorLockState, "lockedUntil">, now: Date): boolean {
  return lockRemainingMs(state, now) > 0;
}

export function lockRemainingMs(
  state: Pick<SecondFactorLockState, "lockedUntil">,
  now: Date,
): number {
  if (!state.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil.getTime() - now.getTime());
}

/** What the verify screen says, rounded up so that trying at the stated time works. */
export function formatLockNotice(lockedUntil: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / MINUTE_MS));
  return `Too many wrong codes. Try again in ${formatDuration(minutes)}.`;
}

function formatDuration(totalMinutes: number): string {
  if (totalMinutes < 60) return plural(totalMinutes, "minute");
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes === 0
    ? plural(hours, "hour")
    : `${plural(hours, "hour")} ${plural(minutes, "minute")}`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}
