// Lock arithmetic for the second factor (docs/rules.md, rule 4): how long each lock lasts and
// what the screen says. The counting itself is in code-attempts.ts, in the database.

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

/** The notice a locked account's code forms show, or null when the account is not locked. */
export function lockNotice(account: { lockedUntil: Date | null }, now: Date): string | null {
  return account.lockedUntil && isLocked(account, now)
    ? formatLockNotice(account.lockedUntil, now)
    : null;
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
