import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { endUnfinishedSignInsOf } from "@/lib/auth/sign-in-rows";
import { failure, type Failure } from "@/lib/failures/failure";
import { lockMinutes, lockNotice, MAX_FAILED_CODES } from "./code-lock";

// Counting of second-factor codes, shared by the second sign-in step and by every re-check of a
// current code on the account pages: one counter and one lock per account, whoever asks.

type Account = { id: string; email: string };

/**
 * The counters as the reservation left them, and the account's TOTP state read by the same
 * write, so step 2 checks its code without a read of its own.
 */
export type CodeAttempt = {
  failedCodes: number;
  lockCount: number;
  totpSecret: string | null;
  totpLastStep: number | null;
};

export async function lockNoticeFor(userId: string, now: Date): Promise<Failure | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { lockedUntil: true } });
  return user ? lockNotice(user, now) : null;
}

/**
 * Why a reservation was refused: the lock and when it ends, or five attempts already in flight
 * (then no end to show).
 */
export async function refusedAttempt(
  userId: string,
  now: Date,
): Promise<{ notice: Failure; lockedUntil: Date | null }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { lockedUntil: true } });
  const notice = user ? lockNotice(user, now) : null;
  if (!notice) return { notice: failure("too_many_code_attempts"), lockedUntil: null };
  return { notice, lockedUntil: user!.lockedUntil };
}

/** What a refused reservation says: the lock, or five attempts already in flight. */
export async function refusedAttemptNotice(userId: string, now: Date): Promise<Failure> {
  return (await refusedAttempt(userId, now)).notice;
}

/**
 * Reserves one attempt before the code is checked: an atomic increment that only succeeds while
 * the account is unlocked and has fewer than five attempts counted, so however many guesses
 * arrive at once, at most five are ever checked per lock. Null when refused.
 */
export async function reserveCodeAttempt(userId: string, now: Date): Promise<CodeAttempt | null> {
  // Raw, because it is on every sign-in's step 2 (docs/architecture.md, "Reads per request").
  const rows = await db.$queryRaw<
    {
      failedCodes: number | bigint;
      lockCount: number | bigint;
      totpSecret: string | null;
      totpLastStep: number | bigint | null;
    }[]
  >`
    UPDATE "User" SET "failedCodes" = "failedCodes" + 1, "updatedAt" = ${new Date()}
    WHERE "id" = ${userId} AND "failedCodes" < ${MAX_FAILED_CODES}
      AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})
    RETURNING "failedCodes", "lockCount", "totpSecret", "totpLastStep"`;
  const row = rows[0];
  if (!row) return null;
  return {
    failedCodes: Number(row.failedCodes),
    lockCount: Number(row.lockCount),
    totpSecret: row.totpSecret,
    totpLastStep: row.totpLastStep === null ? null : Number(row.totpLastStep),
  };
}

/**
 * Gives back a reservation whose code was never judged wrong (the form was refused for another
 * reason first). Without this, reservations that are never settled would pile up to five and
 * refuse every later code without a lock that ever ends.
 */
export async function releaseCodeAttempt(userId: string) {
  await db.user.updateMany({
    where: { id: userId, failedCodes: { gt: 0 } },
    data: { failedCodes: { decrement: 1 } },
  });
}

/** A right code ends the run of failures; past locks still count towards the next one. */
export async function codeAttemptSucceeded(userId: string) {
  await db.user.update({ where: { id: userId }, data: { failedCodes: 0 } });
}

/**
 * A wrong code stays counted and is audited; the fifth locks the second factor (sign-in step 2
 * and every re-check) and ends pending sign-ins. Returns the end of the lock it started, if any.
 */
export async function codeAttemptFailed(
  account: Account,
  reserved: CodeAttempt,
  now: Date,
  context: RequestContext,
  action?: string,
): Promise<Date | null> {
  await recordAuditEvent({
    type: "two_factor_code_failed",
    subject: account,
    context,
    details: { consecutiveFailures: reserved.failedCodes, ...(action ? { action } : {}) },
  });
  if (reserved.failedCodes < MAX_FAILED_CODES) return null;
  const lockedUntil = new Date(now.getTime() + lockMinutes(reserved.lockCount) * 60_000);
  const locked = await db.user.updateMany({
    where: {
      id: account.id,
      failedCodes: { gte: MAX_FAILED_CODES },
      lockCount: reserved.lockCount,
    },
    data: { failedCodes: 0, lockCount: { increment: 1 }, lockedUntil },
  });
  if (locked.count === 1) {
    await endUnfinishedSignInsOf(account.id, now);
    await recordAuditEvent({
      type: "two_factor_locked",
      subject: account,
      context,
      details: { minutes: lockMinutes(reserved.lockCount), lockNumber: reserved.lockCount + 1 },
    });
  }
  return lockedUntil;
}
