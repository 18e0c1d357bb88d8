import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { hashPassword } from "@/lib/auth/password";
import { endSignInsOf } from "@/lib/auth/sign-in-rows";
import { db } from "@/lib/db/client";
import { notifyAccountHolder } from "@/lib/email/notices";
import { refused, type Result } from "@/lib/failures/failure";
import { wrongAndLocked } from "@/lib/two-factor/code-lock";
import { proveSecondFactor } from "@/lib/two-factor/proof";
import type { Completion, SecondFactor, Transaction } from "@/lib/two-factor/types";
import { accountOfResetLink, type ResetLinkAccount } from "./tokens";

// Setting a new password from a reset link (docs/rules.md, rule 21). It never bypasses the second
// factor: an account that sign-in would ask for one gives it here, through the same proof as
// sign-in (lib/two-factor/proof.ts, rule 26), so a code counts toward the same five-failure lock
// (rule 4) and a recovery code sends its notice. Success is one transaction: the factor used up,
// the link used (one conditional write, so a link works once however many tabs post it), the
// password replaced, every sign-in ended, trusted browsers revoked, the account's other links
// voided, and the audit event and the notice written.

export type ResetInput = {
  newPassword: string;
  method: "totp" | "recovery";
  code?: string;
  recoveryCode?: string;
};

/** A refusal names its field (`code`, `recoveryCode`), or none when it is the form's. */
export type ResetResult = Result;
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 };

type Link = { tokenId: string; account: ResetLinkAccount };

/**
 * The reset's own writes, in the transaction given: false when the link was used or expired
 * meanwhile (which rolls the whole reset back). `secondFactor`: the method proven, for the log.
 */
async function replacePassword(
  tx: Transaction,
  { tokenId, account }: Link,
  secondFactor: SecondFactor["method"] | "none",
  passwordHash: string,
  context: RequestContext,
  now: Date,
): Promise<boolean> {
  const link = await tx.passwordResetToken.updateMany({
    where: { id: tokenId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (link.count !== 1) return false;
  await tx.passwordResetToken.updateMany({
    where: { userId: account.id, usedAt: null },
    data: { usedAt: now },
  });
  await tx.user.update({
    where: { id: account.id },
    // A proven factor ends the run of failed codes, as at sign-in (docs/rules.md, rule 4).
    data: {
      passwordHash,
      sessionVersion: { increment: 1 },
      ...(secondFactor === "none" ? {} : { failedCodes: 0 }),
    },
  });
  await endSignInsOf(account.id, now, {}, tx);
  await tx.trustedBrowser.deleteMany({ where: { userId: account.id } });
  const subject = { id: account.id, email: account.email };
  await recordAuditEvent(
    { type: "password_reset", actor: subject, subject, context, details: { secondFactor } },
    tx,
  );
  await notifyAccountHolder(tx, account.id, { kind: "password_reset", context, now });
  return true;
}

/** The reset as what a proven second factor completes (lib/two-factor/types.ts). */
function resetCompletion(
  link: Link,
  newPassword: string,
  context: RequestContext,
  now: Date,
): Completion<true> {
  let passwordHash = "";
  return {
    purpose: "reset",
    // Hashed once the factor checked out: a wrong code costs no hash.
    prepare: async () => {
      passwordHash = await hashPassword(newPassword);
    },
    // An issued code never proves a reset (lib/two-factor/codes.ts): the method is never that.
    complete: async (tx, { method }) =>
      method === "issued_recovery"
        ? null
        : (await replacePassword(tx, link, method, passwordHash, context, now)) || null,
  };
}

/**
 * Sets the new password of a live link's account, with `factor` when the account has a second
 * factor to give (a passkey, when given, is always proven). What the form shows.
 */
export async function resetWithFactor(
  link: Link,
  factor: SecondFactor,
  newPassword: string,
  context: RequestContext,
  now: Date,
): Promise<ResetResult> {
  const { account } = link;
  if (!account.secondFactor && factor.method !== "passkey") {
    const passwordHash = await hashPassword(newPassword);
    const reset = await db.$transaction(
      (tx) => replacePassword(tx, link, "none", passwordHash, context, now),
      TRANSACTION_OPTIONS,
    );
    return reset ? { ok: true } : refused("invalid_link");
  }
  const result = await proveSecondFactor(
    { account, factor, context, now },
    resetCompletion(link, newPassword, context, now),
  );
  if (result.ok) return { ok: true };
  if (result.reason === "over") return refused("invalid_link");
  if (factor.method === "passkey") return refused("passkey_unusable");
  const field = factor.method === "recovery" ? "recoveryCode" : "code";
  const wrong = factor.method === "recovery" ? "recovery_code_wrong" : "wrong_code";
  // A typo counts nothing; a locked step checked nothing, so it never says "not valid"
  // (docs/rules.md, rule 31).
  if (result.reason === "typo") return { ok: false, failure: { ...result.failure, field } };
  if (result.reason === "locked") return { ok: false, failure: { ...result.notice, field } };
  const lockedUntil = result.reason === "wrong" ? result.lockedUntil : null;
  return { ok: false, failure: { ...wrongAndLocked(wrong, lockedUntil, now), field } };
}

/** The reset form with a typed second factor (or none, for an account without one). */
export async function resetPassword(
  token: unknown,
  input: ResetInput,
  context: RequestContext,
  now: Date,
): Promise<ResetResult> {
  const link = await accountOfResetLink(token, now);
  if (!link) return refused("invalid_link");
  const factor =
    input.method === "recovery"
      ? ({ method: "recovery", code: input.recoveryCode ?? "" } as const)
      : ({ method: "totp", code: input.code ?? "" } as const);
  return resetWithFactor(link, factor, input.newPassword, context, now);
}
