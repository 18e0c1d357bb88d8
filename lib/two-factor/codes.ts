import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { notifyAccountHolder } from "@/lib/email/notices";
import { claimTimeStep } from "./totp-check";
import { recoveryCodeHashCandidates } from "./secret-store";
import type { Account, ProofPurpose, Transaction } from "./types";

// The typed second factors, used up inside the proof's transaction (lib/two-factor/proof.ts).

/**
 * Uses up a checked code in `tx`: its time-step claimed, or the recovery code marked used, by one
 * conditional write each, so of concurrent uses exactly one wins (docs/rules.md, rules 3 and 6). A
 * right code also ends the account's run of failed codes (rule 4). False when another use won.
 */
export async function useCode(
  tx: Transaction,
  userId: string,
  code: { method: "totp"; timeStep: number } | { method: "recovery"; recoveryCode: string },
  now: Date,
): Promise<boolean> {
  if (code.method === "totp") {
    // The claim and the end of the run of failures are one write.
    return claimTimeStep(userId, code.timeStep, { endFailures: true, client: tx });
  }
  const used = await tx.recoveryCode.updateMany({
    where: {
      userId,
      codeHash: { in: recoveryCodeHashCandidates(code.recoveryCode) },
      usedAt: null,
    },
    data: { usedAt: now },
  });
  if (used.count !== 1) return false;
  await tx.user.update({ where: { id: userId }, data: { failedCodes: 0 } });
  return true;
}

/**
 * What a used recovery code always brings, wherever it was used (docs/rules.md, rules 6, 20 and
 * 26): its audit event and its notice, both with how many remain. How many remain.
 */
export async function recordRecoveryCodeUse(
  tx: Transaction,
  account: Account,
  purpose: ProofPurpose,
  context: RequestContext,
  now: Date,
): Promise<number> {
  const remaining = await tx.recoveryCode.count({ where: { userId: account.id, usedAt: null } });
  const event = { type: "recovery_code_used", subject: account, actor: account } as const;
  await recordAuditEvent({ ...event, context, details: { remaining, step: purpose } }, tx);
  await notifyAccountHolder(tx, account.id, {
    kind: "recovery_code_used",
    context,
    now,
    remainingRecoveryCodes: remaining,
  });
  return remaining;
}
