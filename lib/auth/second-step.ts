import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { consumeTotpCode, WRONG_CODE } from "@/lib/totp/code-check";
import { normalizeRecoveryCode } from "@/lib/totp/recovery-codes";
import { recoveryCodeHashCandidates } from "@/lib/totp/secret-store";
import {
  codeAttemptFailed,
  codeAttemptSucceeded,
  refusedAttemptNotice,
  reserveCodeAttempt,
} from "./code-attempts";
import { formatLockNotice } from "./second-factor-lock";
import { SESSION_MAX_AGE_SECONDS } from "./sign-in";

type Account = { id: string; email: string };

export type SecondStepResult =
  | { ok: true; method: "totp" | "recovery"; recoveryCodesLeft: number | null }
  | { ok: false; message: string; locked: boolean };

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

/** Step 2: an authentication code or an unused recovery code completes a pending sign-in. */
export async function verifySecondStep(
  signInId: string,
  account: Account,
  input: { code?: unknown; recoveryCode?: unknown },
  now: Date,
  context: RequestContext,
): Promise<SecondStepResult> {
  const reserved = await reserveCodeAttempt(account.id, now);
  if (!reserved) {
    const notice = await refusedAttemptNotice(account.id, now);
    return { ok: false, message: `${WRONG_CODE} ${notice}`, locked: true };
  }

  const method = input.recoveryCode !== undefined ? "recovery" : "totp";
  const accepted =
    method === "recovery"
      ? await consumeRecoveryCode(account.id, input.recoveryCode, now)
      : await consumeTotpCode(account.id, input.code, now);

  if (!accepted) {
    const lockedUntil = await codeAttemptFailed(account, reserved, now, context);
    const message = method === "recovery" ? "That recovery code is not valid." : WRONG_CODE;
    return lockedUntil
      ? { ok: false, message: `${message} ${formatLockNotice(lockedUntil, now)}`, locked: true }
      : { ok: false, message, locked: false };
  }

  await codeAttemptSucceeded(account.id);
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
