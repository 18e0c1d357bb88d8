import "server-only";
import { notifyAccountHolder } from "@/lib/email/notices";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { recheckAccount } from "./re-check";
import { db } from "@/lib/db/client";
import { passkeyChangeFactor } from "@/lib/passkeys/confirmation";
import { readRecheckInput, refused, type TwoFactorResult } from "./change";

type Account = { id: string; email: string };

export type PasskeyListItem = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
};

export async function listPasskeys(userId: string): Promise<PasskeyListItem[]> {
  return db.passkey.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    orderBy: { createdAt: "asc" },
  });
}

export async function hasPasskey(userId: string): Promise<boolean> {
  return (await db.passkey.count({ where: { userId } })) > 0;
}

/**
 * Removes one of the account's passkeys after its current password (counted as at sign-in,
 * docs/rules.md, rule 17), and, when passkeys are the account's only second factor, a
 * confirmation by one of them (counted as a code, rule 27). The removal, the trusted browsers it
 * revokes and the audit event are one transaction; a notice or an offer to sign out other
 * browsers joins it there.
 */
export async function removePasskey(
  account: Account,
  input: { id: string; password?: unknown; confirmation?: unknown },
  context: RequestContext,
  now: Date,
): Promise<TwoFactorResult<{ name: string }>> {
  const form = readRecheckInput({ password: input.password });
  if (!form.ok) return form;
  const passkey = await db.passkey.findFirst({
    where: { id: input.id, userId: account.id },
    select: { id: true, name: true },
  });
  if (!passkey) return refused("passkey_gone");
  const withPasskey = (await passkeyChangeFactor(account.id)) === "passkey";
  const recheck = await recheckAccount(
    account,
    { password: form.password, ...(withPasskey ? { passkey: input.confirmation ?? null } : {}) },
    "remove_passkey",
    now,
    context,
  );
  if (!recheck.ok) return refused(recheck.failure, recheck.fields);
  const removed = await db.$transaction(async (tx) => {
    const deleted = await tx.passkey.deleteMany({ where: { id: passkey.id, userId: account.id } });
    if (deleted.count !== 1) return false;
    await tx.trustedBrowser.deleteMany({ where: { userId: account.id } });
    await recordAuditEvent(
      {
        type: "passkey_removed",
        actor: account,
        subject: account,
        context,
        details: { name: passkey.name },
      },
      tx,
    );
    await notifyAccountHolder(tx, account.id, { kind: "passkey_removed", context, now });
    return true;
  });
  if (!removed) return refused("passkey_gone");
  return { ok: true, name: passkey.name };
}
