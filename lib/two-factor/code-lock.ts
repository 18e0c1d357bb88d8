// Lock arithmetic for the second factor (docs/rules.md, rule 4): how long each lock lasts and
// what the screen says. The counting itself is in code-attempts.ts, in the database.

import { failure, type Failure, type FailureCode } from "@/lib/failures/failure";

export const MAX_FAILED_CODES = 5;
export const BASE_LOCK_MINUTES = 15;
// Doubling stops at 24 hours (15 min × 2^7 would be 32 h), from the 8th lock on: long enough
// to make guessing hopeless, short enough that a real user is never shut out for days.
export const MAX_LOCK_MINUTES = 24 * 60;

const MINUTE_MS = 60_000;

/** The lock length for an account locked `lockCount` times before. */
export function lockMinutes(lockCount: number): number {
  return Math.min(BASE_LOCK_MINUTES * 2 ** Math.max(0, lockCount), MAX_LOCK_MINUTES);
}

export function isLocked(account: { lockedUntil: Date | null }, now: Date): boolean {
  return account.lockedUntil !== null && account.lockedUntil > now;
}

/** The lock a locked account's code forms show, or null when the account is not locked. */
export function lockNotice(account: { lockedUntil: Date | null }, now: Date): Failure | null {
  return account.lockedUntil && isLocked(account, now)
    ? lockFailure(account.lockedUntil, now)
    : null;
}

/** Minutes left of a lock, rounded up so that trying at the stated time works. */
export function minutesLeft(lockedUntil: Date, now: Date): number {
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / MINUTE_MS));
}

export function lockFailure(lockedUntil: Date, now: Date): Failure {
  return failure("codes_locked", { params: { minutes: minutesLeft(lockedUntil, now) } });
}

/** A wrong answer that locked the account: the wrong answer's code, with the lock's length. */
export function wrongAndLocked(code: FailureCode, lockedUntil: Date | null, now: Date): Failure {
  return lockedUntil
    ? failure(code, { params: { lockMinutes: minutesLeft(lockedUntil, now) } })
    : failure(code);
}
