import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { recheckAccount } from "./re-check";
import { db } from "@/lib/db/client";
import { notifyAccountHolder } from "@/lib/email/notices";
import { generateRecoveryCodes } from "./recovery-codes";
import { recoveryCodeHash } from "./secret-store";
import type { Account, TwoFactorResult } from "./change";
import { isEnabled, readRecheckInput, refused } from "./change";

type Writer = Pick<typeof db, "recoveryCode">;

/** Replaces every recovery code; pass a transaction's client to make it part of a larger change. */
export async function replaceRecoveryCodes(userId: string, client?: Writer) {
  const codes = generateRecoveryCodes();
  const replace = (tx: Writer) => [
    tx.recoveryCode.deleteMany({ where: { userId } }),
    tx.recoveryCode.createMany({
      data: codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code) })),
    }),
  ];
  if (client) for (const write of replace(client)) await write;
  else await db.$transaction(replace(db));
  return codes;
}

/** Replaces every recovery code, after a current code that counts toward the lock. */
export async function regenerateRecoveryCodes(
  account: Account,
  input: { code: unknown },
  now: Date,
  context: RequestContext,
): Promise<TwoFactorResult<{ recoveryCodes: string[] }>> {
  const form = readRecheckInput(input);
  if (!form.ok) return form;
  if (!(await isEnabled(account.id))) return refused("two_factor_not_on");
  const recheck = await recheckAccount(
    account,
    { code: form.code },
    "regenerate_recovery_codes",
    now,
    context,
  );
  if (!recheck.ok) return refused(recheck.failure, recheck.fields);
  // One transaction: the new codes, their audit event and the notice commit together.
  const recoveryCodes = await db.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(account.id, tx);
    const event = { type: "recovery_codes_regenerated", actor: account, subject: account } as const;
    await recordAuditEvent({ ...event, context }, tx);
    await notifyAccountHolder(tx, account.id, { kind: "recovery_codes_regenerated", context, now });
    return codes;
  });
  return { ok: true, recoveryCodes };
}

export async function recoveryCodesLeft(userId: string) {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}
