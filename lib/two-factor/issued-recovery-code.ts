import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { notifyAccountHolder } from "@/lib/email/notices";
import { generateRecoveryCode } from "./recovery-codes";
import { recoveryCodeHash, recoveryCodeHashCandidates } from "./secret-store";
import type { Account, ProofPurpose, Transaction } from "./types";

// The recovery code an admin issues to an account holder who lost every factor (docs/rules.md,
// rule 33): the shape of the account's own recovery codes, so the same field takes it; stored only
// as their keyed hash; one per account (issuing another replaces it), single use, 24 hours.

export const ISSUED_CODE_LIFETIME_MS = 24 * 60 * 60_000;

/** Stores a new code for the account in `tx`, replacing any earlier one; the code, shown once. */
export async function storeIssuedRecoveryCode(
  tx: Pick<Transaction, "issuedRecoveryCode">,
  userId: string,
  issuedById: string,
  now: Date,
): Promise<{ code: string; expiresAt: Date }> {
  const code = generateRecoveryCode();
  const expiresAt = new Date(now.getTime() + ISSUED_CODE_LIFETIME_MS);
  const row = { codeHash: recoveryCodeHash(code), issuedById, issuedAt: now, expiresAt };
  await tx.issuedRecoveryCode.upsert({
    where: { userId },
    create: { userId, ...row },
    update: { ...row, usedAt: null },
  });
  return { code, expiresAt };
}

/**
 * Uses up the account's issued code in `tx` if `code` is it, unused and not expired: one
 * conditional write, so of concurrent uses exactly one wins. A right code also ends the account's
 * run of failed codes (rule 4), as any code does. A replaced, expired or used code matches nothing.
 */
export async function consumeIssuedRecoveryCode(
  tx: Pick<Transaction, "issuedRecoveryCode" | "user">,
  userId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const used = await tx.issuedRecoveryCode.updateMany({
    where: {
      userId,
      codeHash: { in: recoveryCodeHashCandidates(code) },
      usedAt: null,
      expiresAt: { gt: now },
    },
    data: { usedAt: now },
  });
  if (used.count !== 1) return false;
  await tx.user.update({ where: { id: userId }, data: { failedCodes: 0 } });
  return true;
}

/** What a used issued code always brings (rules 20 and 26): its audit event and its notice. */
export async function recordIssuedRecoveryCodeUse(
  tx: Transaction,
  account: Account,
  purpose: ProofPurpose,
  context: RequestContext,
  now: Date,
): Promise<void> {
  const event = { type: "issued_recovery_code_used", subject: account, actor: account } as const;
  await recordAuditEvent({ ...event, context, details: { step: purpose } }, tx);
  await notifyAccountHolder(tx, account.id, { kind: "issued_recovery_code_used", context, now });
}
