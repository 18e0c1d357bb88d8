import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { notifyAccountHolder } from "@/lib/email/notices";
import { claimTimeStep } from "./totp-check";
import { recordIssuedRecoveryCodeUse, consumeIssuedRecoveryCode } from "./issued-recovery-code";
import { recoveryCodeHashCandidates } from "./secret-store";
import type { Account, ProofPurpose, Proven, Transaction } from "./types";

export type CheckedCode =
  { method: "totp"; timeStep: number } | { method: "recovery"; recoveryCode: string };

/**
 * Uses up a checked code and writes what its use always brings, in the proof's transaction: the
 * method it proved (a recovery code the account's own, or the one an admin issued, docs/rules.md
 * rule 33) and how many recovery codes remain; null when it was not (or no longer) good. An issued
 * code completes only step 2 of a sign-in, which then sends its holder to enrol a new factor.
 */
export async function consumeTypedCode(
  tx: Transaction,
  account: Account,
  code: CheckedCode,
  purpose: ProofPurpose,
  context: RequestContext,
  now: Date,
): Promise<Pick<Proven, "method" | "recoveryCodesLeft"> | null> {
  if (await consumeCode(tx, account.id, code, now)) {
    if (code.method === "totp") return { method: "totp", recoveryCodesLeft: null };
    const left = await recordRecoveryCodeUse(tx, account, purpose, context, now);
    return { method: "recovery", recoveryCodesLeft: left };
  }
  if (code.method !== "recovery" || purpose !== "second_step") return null;
  if (!(await consumeIssuedRecoveryCode(tx, account.id, code.recoveryCode, now))) return null;
  await recordIssuedRecoveryCodeUse(tx, account, purpose, context, now);
  return { method: "issued_recovery", recoveryCodesLeft: null };
}

// The typed second factors, used up inside the proof's transaction (lib/two-factor/proof.ts).

/**
 * Uses up a checked code in `tx`: its time-step claimed, or the recovery code marked used, by one
 * conditional write each, so of concurrent uses exactly one wins (docs/rules.md, rules 3 and 6). A
 * right code also ends the account's run of failed codes (rule 4). False when another use won.
 */
async function consumeCode(
  tx: Transaction,
  userId: string,
  code: CheckedCode,
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
