import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { hasSecondFactor } from "@/lib/auth/stage";
import { db } from "@/lib/db/client";
import { notifyAccountHolder } from "@/lib/email/notices";
import { refused, type Result } from "@/lib/failures/failure";
import { getSettings } from "@/lib/settings/settings";
import { storeIssuedRecoveryCode } from "@/lib/two-factor/issued-recovery-code";

export type IssueResult = Result<{ email: string; code: string; expiresAt: Date }>;

/**
 * An admin's "Issue a recovery code" for an account holder who lost every factor (docs/rules.md,
 * rule 33): one single-use code for 24 hours, replacing any earlier one, shown once to the admin
 * and stored only as a keyed hash. The code, its audit event and the holder's notice are one
 * transaction. Refused, changing nothing, for the admin's own account (a stolen admin session
 * must not mint itself a second factor) and for an account whose sign-in asks no second factor.
 */
export async function issueRecoveryCode(
  targetId: string,
  admin: { id: string; email: string },
  context: RequestContext,
  now = new Date(),
): Promise<IssueResult> {
  const user = await db.user.findUnique({
    where: { id: targetId },
    select: { id: true, email: true, totpEnabledAt: true, _count: { select: { passkeys: true } } },
  });
  if (!user) return refused("no_such_account");
  if (user.id === admin.id) return refused("own_recovery_code");
  const settings = await getSettings();
  const factors = {
    ...user,
    role: "",
    twoFactorRequiredAt: null,
    hasPasskey: user._count.passkeys > 0,
  };
  if (!settings.twoFactorEnabled || !hasSecondFactor(factors, settings)) {
    return refused("no_second_step", { params: { email: user.email } });
  }
  const issued = await db.$transaction(async (tx) => {
    const stored = await storeIssuedRecoveryCode(tx, user.id, admin.id, now);
    const details = { expiresAt: stored.expiresAt.toISOString() };
    const event = { type: "recovery_code_issued", actor: admin, subject: user } as const;
    await recordAuditEvent({ ...event, context, details }, tx);
    await notifyAccountHolder(tx, user.id, { kind: "recovery_code_issued", context, now });
    return stored;
  });
  return { ok: true, email: user.email, ...issued };
}
