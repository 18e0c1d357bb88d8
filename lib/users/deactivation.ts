import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { endSignInsOf } from "@/lib/auth/sign-in-rows";
import { db } from "@/lib/db/client";
import { notifyAccountHolder } from "@/lib/email/notices";
import { refused, type Failure, type Result } from "@/lib/failures/failure";
import { keepAnActiveAdmin, LastAdminRefusal } from "./last-admin";

export type DeactivationResult = Result<{ email: string }>;

/** Thrown inside the transaction to roll it back with its failure. */
class Refusal extends Error {
  constructor(readonly failure: Failure) {
    super(failure.code);
  }
}

/**
 * "Deactivate": the account keeps every row but can no longer sign in (password, passkey or reset
 * link). Its sign-ins end at once on every instance, as an admin reset does: the rows end and the
 * session version moves on, which the session helper checks on every request; its unused reset
 * links go. The last active admin is refused (`keepAnActiveAdmin`). One transaction with the audit
 * entry and the notice.
 */
export async function deactivateAccount(
  targetId: string,
  actor: { id: string; email: string } | null,
  context: RequestContext,
  now = new Date(),
): Promise<DeactivationResult> {
  try {
    const email = await db.$transaction(async (tx) => {
      await keepAnActiveAdmin(tx, targetId);
      const user = await tx.user.findUnique({
        where: { id: targetId },
        select: { id: true, email: true, deactivatedAt: true },
      });
      if (!user) throw new Refusal({ code: "no_such_account" });
      if (user.deactivatedAt) {
        throw new Refusal({ code: "already_deactivated", params: { email: user.email } });
      }
      await tx.user.update({
        where: { id: user.id },
        data: { deactivatedAt: now, sessionVersion: { increment: 1 } },
      });
      const ended = await endSignInsOf(user.id, now, {}, tx);
      await tx.passwordResetToken.deleteMany({ where: { userId: user.id } });
      await recordAuditEvent(
        { type: "account_deactivated", actor, subject: user, context, details: { ended } },
        tx,
      );
      await notifyAccountHolder(tx, user.id, { kind: "account_deactivated", context, now });
      return user.email;
    });
    return { ok: true, email };
  } catch (error) {
    if (error instanceof LastAdminRefusal) return refused("last_admin");
    if (error instanceof Refusal) return { ok: false, failure: error.failure };
    throw error;
  }
}

/** "Reactivate": the account may sign in again. Audited and notified in one transaction. */
export async function reactivateAccount(
  targetId: string,
  actor: { id: string; email: string } | null,
  context: RequestContext,
  now = new Date(),
): Promise<DeactivationResult> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: targetId },
      select: { id: true, email: true },
    });
    if (!user) return refused("no_such_account");
    const reactivated = await tx.user.updateMany({
      where: { id: user.id, deactivatedAt: { not: null } },
      data: { deactivatedAt: null },
    });
    if (reactivated.count === 0)
      return refused("already_active", { params: { email: user.email } });
    // A link stored while it was deactivated (a request answered as it happened) never revives.
    await tx.passwordResetToken.deleteMany({ where: { userId: user.id } });
    await recordAuditEvent({ type: "account_reactivated", actor, subject: user, context }, tx);
    await notifyAccountHolder(tx, user.id, { kind: "account_reactivated", context, now });
    return { ok: true, email: user.email };
  });
}
