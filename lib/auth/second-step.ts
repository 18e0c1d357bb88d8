import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { consumeTotpCode } from "@/lib/totp/code-check";
import { WRONG_CODE } from "@/lib/totp/enrolment";
import { normalizeRecoveryCode } from "@/lib/totp/recovery-codes";
import { recoveryCodeHashCandidates } from "@/lib/totp/secret-store";
import { formatLockNotice, isLocked, lockMinutes, MAX_FAILED_CODES } from "./second-factor-lock";
import { SESSION_MAX_AGE_SECONDS } from "./sign-in";

type Account = { id: string; email: string };

export type SecondStepResult =
  | { ok: true; method: "totp" | "recovery"; recoveryCodesLeft: number | null }
  | { ok: false; message: string; locked: boolean };

export async function lockNoticeFor(userId: string, now: Date): Promise<string | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { lockedUntil: true } });
  return user && isLocked(user, now) ? formatLockNotice(user.lockedUntil!, now) : null;
}

/** Uses up one recovery code: of many concurrent uses of one code exactly one succeeds. */
async function consumeRecoveryCode(userId: string, input: unknown, now: Date) {
  const code = normalizeRecoveryCode(input);
  if (!code) return false;
  const used = await db.recoveryCode.updateMany({
    where: { userId, codeHash: { in: recoveryCodeHashCandidates(code) }, usedAt: null },
    data: { usedAt: now },
  });
  return used.count === 1;
}

/**
 * Reserves one attempt before the code is checked: an atomic increment that only succeeds while
 * the account is unlocked and has fewer than five attempts counted, so however many guesses
 * arrive at once, at most five are ever checked per lock.
 */
async function reserveAttempt(userId: string, now: Date) {
  try {
    return await db.user.update({
      where: {
        id: userId,
        failedCodes: { lt: MAX_FAILED_CODES },
        OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
      },
      data: { failedCodes: { increment: 1 } },
      select: { failedCodes: true, lockCount: true },
    });
  } catch {
    return null;
  }
}

/** A wrong code stays counted; the fifth locks the second step and ends pending sign-ins. */
async function registerWrongCode(
  account: Account,
  reserved: { failedCodes: number; lockCount: number },
  now: Date,
  context: RequestContext,
) {
  await recordAuditEvent({
    type: "two_factor_code_failed",
    subject: account,
    context,
    details: { consecutiveFailures: reserved.failedCodes },
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
    await db.signIn.updateMany({
      where: { userId: account.id, stage: { not: "COMPLETE" }, endedAt: null },
      data: { endedAt: now },
    });
    await recordAuditEvent({
      type: "two_factor_locked",
      subject: account,
      context,
      details: { minutes: lockMinutes(reserved.lockCount), lockNumber: reserved.lockCount + 1 },
    });
  }
  return lockedUntil;
}

/** Step 2: an authentication code or an unused recovery code completes a pending sign-in. */
export async function verifySecondStep(
  signInId: string,
  account: Account,
  input: { code?: unknown; recoveryCode?: unknown },
  now: Date,
  context: RequestContext,
): Promise<SecondStepResult> {
  const reserved = await reserveAttempt(account.id, now);
  if (!reserved) {
    const lockNotice =
      (await lockNoticeFor(account.id, now)) ?? "Too many attempts at once. Try again in a moment.";
    return { ok: false, message: `${WRONG_CODE} ${lockNotice}`, locked: true };
  }

  const method = input.recoveryCode !== undefined ? "recovery" : "totp";
  const accepted =
    method === "recovery"
      ? await consumeRecoveryCode(account.id, input.recoveryCode, now)
      : await consumeTotpCode(account.id, input.code, now);

  if (!accepted) {
    const lockedUntil = await registerWrongCode(account, reserved, now, context);
    const message = method === "recovery" ? "That recovery code is not valid." : WRONG_CODE;
    return lockedUntil
      ? { ok: false, message: `${message} ${formatLockNotice(lockedUntil, now)}`, locked: true }
      : { ok: false, message, locked: false };
  }

  await db.user.update({ where: { id: account.id }, data: { failedCodes: 0 } });
  const completed = await db.signIn.updateMany({
    where: { id: signInId, stage: "PENDING", endedAt: null, expiresAt: { gt: now } },
    data: {
      stage: "COMPLETE",
      completedAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    },
  });
  if (completed.count !== 1) {
    return { ok: false, message: "Your sign-in has expired. Sign in again.", locked: false };
  }

  let recoveryCodesLeft: number | null = null;
  if (method === "recovery") {
    recoveryCodesLeft = await db.recoveryCode.count({
      where: { userId: account.id, usedAt: null },
    });
    await recordAuditEvent({
      type: "recovery_code_used",
      subject: account,
      actor: account,
      context,
      details: { remaining: recoveryCodesLeft },
    });
  }
  await recordAuditEvent({
    type: "sign_in_succeeded",
    subject: account,
    actor: account,
    context,
    details: { step: method === "recovery" ? "recovery_code" : "authentication_code" },
  });
  return { ok: true, method, recoveryCodesLeft };
}

/** After enrolment forced by policy, the code that enabled 2FA also completes the sign-in. */
export async function completeEnrolmentSignIn(signInId: string, now: Date) {
  await db.signIn.updateMany({
    where: { id: signInId, stage: "ENROLL", endedAt: null },
    data: {
      stage: "COMPLETE",
      completedAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    },
  });
}
