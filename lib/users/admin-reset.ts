import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { endSignInsOf } from "@/lib/auth/sign-in-rows";
import { db } from "@/lib/db/client";
import { notifyAccountHolder } from "@/lib/email/notices";
import { clearTwoFactor } from "@/lib/two-factor/disable";
import { refused, type Result } from "@/lib/failures/failure";
import { hasSecondFactor } from "./reset-scope";

export type ResetResult = Result<{ email: string }>;

/**
 * The rescue for a lost authenticator: removes the account's secret, recovery codes, passkeys and
 * trusted browsers, lifts a lock, and signs the account out everywhere (pending sign-ins included). One
 * transaction: a crash never leaves 2FA removed while the old sessions still work, or a reset
 * without its audit event or notice (docs/rules.md, rules 9 and 20).
 */
export async function resetTwoFactor(
  target: { id?: string; email?: string },
  actor: { id: string; email: string } | null,
  context: RequestContext,
  now = new Date(),
): Promise<ResetResult> {
  const user = await db.user.findUnique({
    where: target.id ? { id: target.id } : { email: (target.email ?? "").trim().toLowerCase() },
    select: {
      id: true,
      email: true,
      totpEnabledAt: true,
      _count: { select: { passkeys: true, recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  if (!user) {
    return refused(target.id ? "no_such_account" : "no_account_with_email");
  }
  if (actor && actor.id === user.id) {
    return refused("own_two_factor_elsewhere");
  }
  // The users list offers no reset to an account without a second factor; a list read before its
  // factors went is refused here, before anything is written. The command line, the
  // rescue of last resort, resets whatever the account has.
  if (actor && !hasSecondFactor({ totpEnabledAt: user.totpEnabledAt, ...user._count })) {
    return refused("nothing_to_reset", { params: { email: user.email } });
  }
  await db.$transaction(async (tx) => {
    await clearTwoFactor(user.id, tx);
    await tx.passkey.deleteMany({ where: { userId: user.id } });
    await tx.user.update({
      where: { id: user.id },
      data: {
        sessionVersion: { increment: 1 },
        lockedUntil: null,
        failedCodes: 0,
        twoFactorRequiredAt: null,
      },
    });
    await endSignInsOf(user.id, now, {}, tx);
    // What was removed lets the security overview replay the account's protection (docs/architecture.md, "Security overview").
    const details = {
      authenticatorApp: user.totpEnabledAt !== null,
      passkeys: user._count.passkeys,
    };
    await recordAuditEvent(
      { type: "two_factor_reset", actor, subject: user, context, details },
      tx,
    );
    await notifyAccountHolder(tx, user.id, { kind: "two_factor_reset", context, now });
  });
  return { ok: true, email: user.email };
}
