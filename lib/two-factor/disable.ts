import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { recheckAccount } from "./re-check";
import { db } from "@/lib/db/client";
import { notifyAccountHolder } from "@/lib/email/notices";
import type { Account, TwoFactorResult } from "./change";
import { isEnabled, readRecheckInput, refused } from "./change";

type TwoFactorWriter = Pick<
  typeof db,
  "user" | "recoveryCode" | "issuedRecoveryCode" | "trustedBrowser"
>;

/** Removes the account's secret, recovery codes and trusted browsers, in the caller's transaction. */
export async function clearTwoFactor(userId: string, tx: TwoFactorWriter) {
  await tx.user.update({
    where: { id: userId },
    data: {
      totpSecret: null,
      totpIssuer: null,
      totpEnabledAt: null,
      totpLastStep: null,
      pendingTotpSecret: null,
      pendingTotpExpires: null,
      failedCodes: 0,
    },
  });
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.issuedRecoveryCode.deleteMany({ where: { userId } });
  await tx.trustedBrowser.deleteMany({ where: { userId } });
}

/** Turns 2FA off after the current password and a current code, both counted. */
export async function disableTwoFactor(
  account: Account,
  input: { password: unknown; code: unknown },
  now: Date,
  context: RequestContext,
): Promise<TwoFactorResult> {
  const form = readRecheckInput(input);
  if (!form.ok) return form;
  if (!(await isEnabled(account.id))) return refused("two_factor_not_on");
  const recheck = await recheckAccount(
    account,
    { password: form.password, code: form.code },
    "disable_two_factor",
    now,
    context,
  );
  if (!recheck.ok) return refused(recheck.failure, recheck.fields);
  await db.$transaction(async (tx) => {
    await clearTwoFactor(account.id, tx);
    const event = { type: "two_factor_disabled", actor: account, subject: account } as const;
    await recordAuditEvent({ ...event, context }, tx);
    await notifyAccountHolder(tx, account.id, { kind: "two_factor_disabled", context, now });
  });
  return { ok: true };
}
