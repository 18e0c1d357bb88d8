import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import {
  codeAttemptFailed,
  refusedAttemptNotice,
  releaseCodeAttempt,
  reserveCodeAttempt,
  type CodeAttempt,
} from "@/lib/auth/code-attempts";
import { formatLockNotice } from "@/lib/auth/code-lock";
import { hashPassword } from "@/lib/auth/password";
import { useCode, type Method } from "@/lib/auth/second-step";
import { endSignInsOf } from "@/lib/auth/sign-ins";
import { db } from "@/lib/db/client";
import { notifyAccountHolder } from "@/lib/email/notices";
import { checkTotpCodeAgainst, WRONG_CODE } from "@/lib/totp/code-check";
import { accountOfResetLink, INVALID_LINK, type ResetLinkAccount } from "./tokens";

// Setting a new password from a reset link (docs/rules.md, rule 21). It never bypasses the second
// factor: an account that sign-in would ask for a code gives one here too, counted toward the same
// five-failure lock (rule 4, as re-checks are, rule 17). Success is one transaction: the link is
// used (one conditional write, so a link works once however many tabs post it), the code is used
// up (or a passkey was verified just before, reset-with-passkey.ts), the password replaced, every
// sign-in ended, trusted browsers revoked, the account's other links voided, and the audit event
// and the notice written.

export type ResetInput = {
  newPassword: string;
  method: Method;
  code?: string;
  recoveryCode?: string;
};

export type ResetResult =
  { ok: true } | { ok: false; field: "form" | "code" | "recoveryCode"; message: string };

const RECOVERY_CODE_WRONG = "That recovery code is not valid.";
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 };

/** The second factor a reset was given: a code still to use up, or a passkey already verified. */
export type ResetFactor = { method: Method; code: unknown } | { method: "passkey" };

export class NotReset extends Error {
  constructor(readonly reason: "link_used" | "wrong_code") {
    super(reason);
  }
}

export async function replacePassword(
  tokenId: string,
  account: ResetLinkAccount,
  factor: ResetFactor | null,
  passwordHash: string,
  context: RequestContext,
  now: Date,
) {
  await db.$transaction(async (tx) => {
    const link = await tx.passwordResetToken.updateMany({
      where: { id: tokenId, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (link.count !== 1) throw new NotReset("link_used");
    if (
      factor &&
      factor.method !== "passkey" &&
      !(await useCode(tx, account.id, factor.method, factor.code, now))
    ) {
      throw new NotReset("wrong_code");
    }
    await tx.passwordResetToken.updateMany({
      where: { userId: account.id, usedAt: null },
      data: { usedAt: now },
    });
    await tx.user.update({
      where: { id: account.id },
      data: {
        passwordHash,
        sessionVersion: { increment: 1 },
        ...(factor ? { failedCodes: 0 } : {}),
      },
    });
    await endSignInsOf(account.id, now, {}, tx);
    await tx.trustedBrowser.deleteMany({ where: { userId: account.id } });
    const subject = { id: account.id, email: account.email };
    if (factor?.method === "recovery") {
      const remaining = await tx.recoveryCode.count({
        where: { userId: account.id, usedAt: null },
      });
      const event = { type: "recovery_code_used", subject, actor: subject } as const;
      await recordAuditEvent({ ...event, context, details: { remaining } }, tx);
    }
    const details = factor ? { secondFactor: factor.method } : { secondFactor: "none" };
    await recordAuditEvent(
      { type: "password_reset", actor: subject, subject, context, details },
      tx,
    );
    await notifyAccountHolder(tx, account.id, { kind: "password_reset", context, now });
  }, TRANSACTION_OPTIONS);
}

/**
 * The second factor as typed: the time-step a code matched (against the TOTP state the reservation
 * returned), or the recovery code; null when wrong.
 */
async function typedFactor(
  account: ResetLinkAccount,
  reserved: CodeAttempt,
  input: ResetInput,
  now: Date,
) {
  if (input.method === "recovery") return input.recoveryCode || null;
  return checkTotpCodeAgainst(account.id, reserved, input.code, now);
}

export async function resetPassword(
  token: unknown,
  input: ResetInput,
  context: RequestContext,
  now: Date,
): Promise<ResetResult> {
  const link = await accountOfResetLink(token, now);
  if (!link) return { ok: false, field: "form", message: INVALID_LINK };
  const { account } = link;
  const field = input.method === "recovery" ? "recoveryCode" : "code";
  const wrong = input.method === "recovery" ? RECOVERY_CODE_WRONG : WRONG_CODE;

  let reserved: CodeAttempt | null = null;
  let factor: { method: Method; code: unknown } | null = null;
  if (account.secondFactor) {
    reserved = await reserveCodeAttempt(account.id, now);
    if (!reserved) {
      return {
        ok: false,
        field,
        message: `${wrong} ${await refusedAttemptNotice(account.id, now)}`,
      };
    }
    factor = { method: input.method, code: await typedFactor(account, reserved, input, now) };
  }

  let outcome: NotReset | null = null;
  try {
    if (factor && factor.code === null) throw new NotReset("wrong_code");
    const passwordHash = await hashPassword(input.newPassword);
    await replacePassword(link.tokenId, account, factor, passwordHash, context, now);
  } catch (error) {
    if (!(error instanceof NotReset)) throw error;
    outcome = error;
  }

  if (outcome?.reason === "link_used") {
    if (reserved) await releaseCodeAttempt(account.id);
    return { ok: false, field: "form", message: INVALID_LINK };
  }
  if (outcome) {
    const lockedUntil =
      reserved && (await codeAttemptFailed(account, reserved, now, context, "reset_password"));
    const message = lockedUntil ? `${wrong} ${formatLockNotice(lockedUntil, now)}` : wrong;
    return { ok: false, field, message };
  }
  return { ok: true };
}
