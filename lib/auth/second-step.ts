import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { HAS_PASSKEY_COLUMN, sqlBoolean } from "@/lib/db/raw-sql";
import { notifyAccountHolder } from "@/lib/email/notices";
import { checkTotpCodeAgainst, claimTimeStep, WRONG_CODE } from "@/lib/totp/code-check";
import { normalizeRecoveryCode } from "@/lib/totp/recovery-codes";
import { recoveryCodeHashCandidates } from "@/lib/totp/secret-store";
import {
  codeAttemptFailed,
  refusedAttemptNotice,
  releaseCodeAttempt,
  reserveCodeAttempt,
} from "./code-attempts";
import { formatLockNotice, lockNotice } from "./code-lock";
import { completeSignIn } from "./sign-ins";

type Account = { id: string; email: string };

export type SecondStepResult =
  | { ok: true; method: "totp" | "recovery"; recoveryCodesLeft: number | null }
  | { ok: false; message: string; locked: boolean };

export type Method = "totp" | "recovery";
type Transaction = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** Thrown inside the completing transaction to roll it back. */
class NotCompleted extends Error {
  constructor(readonly reason: "code_already_used" | "sign_in_over") {
    super(reason);
  }
}

// Interactive transactions wait for each other on SQLite; give a burst room to queue.
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 };

/**
 * Uses up the code in the transaction: a time-step claimed, or a recovery code marked used. A right
 * code also ends the account's run of failed codes (docs/rules.md, rule 4). Also used by the
 * password reset's second factor (lib/password-reset/reset-password.ts).
 */
export async function useCode(
  tx: Transaction,
  userId: string,
  method: Method,
  code: unknown,
  now: Date,
) {
  if (method === "totp") {
    // The claim and the end of the run of failures are one write.
    return claimTimeStep(userId, code as number, { endFailures: true, client: tx });
  }
  const recoveryCode = normalizeRecoveryCode(code);
  if (!recoveryCode) return false;
  const used = await tx.recoveryCode.updateMany({
    where: { userId, codeHash: { in: recoveryCodeHashCandidates(recoveryCode) }, usedAt: null },
    data: { usedAt: now },
  });
  if (used.count !== 1) return false;
  await tx.user.update({ where: { id: userId }, data: { failedCodes: 0 } });
  return true;
}

/**
 * Uses the code, resets the failure count, completes the sign-in and writes its audit events in
 * one transaction: a crash or an expired sign-in never leaves a code used up for nothing, nor a
 * complete sign-in without its record or notice (docs/rules.md, rules 3, 6, 13 and 20).
 */
async function completeWithCode(
  signInId: string,
  account: Account,
  method: Method,
  code: unknown,
  now: Date,
  context: RequestContext,
): Promise<number | null> {
  return db.$transaction(async (tx) => {
    if (!(await useCode(tx, account.id, method, code, now))) {
      throw new NotCompleted("code_already_used");
    }
    if (!(await completeSignIn(signInId, "AWAITING_CODE", now, tx))) {
      throw new NotCompleted("sign_in_over");
    }
    let recoveryCodesLeft: number | null = null;
    if (method === "recovery") {
      recoveryCodesLeft = await tx.recoveryCode.count({
        where: { userId: account.id, usedAt: null },
      });
      const details = { remaining: recoveryCodesLeft };
      const event = { type: "recovery_code_used", subject: account, actor: account } as const;
      await recordAuditEvent({ ...event, context, details }, tx);
      await notifyAccountHolder(tx, account.id, {
        kind: "recovery_code_used",
        context,
        now,
        remainingRecoveryCodes: recoveryCodesLeft,
      });
    }
    const step = method === "recovery" ? "recovery_code" : "authentication_code";
    await recordAuditEvent(
      { type: "sign_in_succeeded", subject: account, actor: account, context, details: { step } },
      tx,
    );
    return recoveryCodesLeft;
  }, TRANSACTION_OPTIONS);
}

/**
 * What the step-2 page shows beside its form, in one raw read: the lock notice (docs/rules.md,
 * rule 4) and whether the account has a passkey to offer (rule 18).
 */
export async function secondStepPageFacts(userId: string, now: Date) {
  const rows = await db.$queryRaw<{ lockedUntil: Date | null; hasPasskey: unknown }[]>`
    SELECT u."lockedUntil", ${HAS_PASSKEY_COLUMN} FROM "User" u WHERE u."id" = ${userId}`;
  const user = rows[0];
  return {
    lockNotice: user ? lockNotice(user, now) : null,
    hasPasskey: user ? sqlBoolean(user.hasPasskey) : false,
  };
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

  const method: Method = input.recoveryCode !== undefined ? "recovery" : "totp";
  const code =
    method === "recovery"
      ? input.recoveryCode
      : await checkTotpCodeAgainst(account.id, reserved, input.code, now);
  let outcome: { recoveryCodesLeft: number | null } | NotCompleted;
  try {
    if (code === null) throw new NotCompleted("code_already_used");
    outcome = {
      recoveryCodesLeft: await completeWithCode(signInId, account, method, code, now, context),
    };
  } catch (error) {
    if (!(error instanceof NotCompleted)) throw error;
    outcome = error;
  }

  if (outcome instanceof NotCompleted && outcome.reason === "sign_in_over") {
    await releaseCodeAttempt(account.id);
    return { ok: false, message: "Your sign-in has expired. Sign in again.", locked: false };
  }
  if (outcome instanceof NotCompleted) {
    const lockedUntil = await codeAttemptFailed(account, reserved, now, context);
    const message = method === "recovery" ? "That recovery code is not valid." : WRONG_CODE;
    return lockedUntil
      ? { ok: false, message: `${message} ${formatLockNotice(lockedUntil, now)}`, locked: true }
      : { ok: false, message, locked: false };
  }
  return { ok: true, method, recoveryCodesLeft: outcome.recoveryCodesLeft };
}
