import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { refused, type Result } from "@/lib/failures/failure";
import { cleanPasskeyName } from "./names";

type Account = { id: string; email: string };

/** A refusal's `field` is `name` when it is about the name typed, not the passkey chosen. */
export type RenameResult = Result<{ name: string }>;

const GONE = refused("passkey_gone");

/**
 * Renames one of the account's own passkeys. A name is only a label, so no password is asked;
 * another account's passkey is answered as one that does not exist. Two of the account's
 * passkeys never share a name, so that their "Remove" buttons are told apart. The change and its
 * audit event are one transaction.
 */
export async function renamePasskey(
  account: Account,
  input: { id: string; name: string },
  context: RequestContext,
): Promise<RenameResult> {
  const name = cleanPasskeyName(input.name);
  if (!name) return refused("enter_passkey_name", { field: "name" });
  const passkeys = await db.passkey.findMany({
    where: { userId: account.id },
    select: { id: true, name: true },
  });
  const passkey = passkeys.find(({ id }) => id === input.id);
  if (!passkey) return GONE;
  if (passkey.name === name) return { ok: true, name };
  if (passkeys.some((other) => other.id !== passkey.id && other.name === name)) {
    return refused("passkey_name_taken", { field: "name", params: { name } });
  }
  const renamed = await db.$transaction(async (tx) => {
    const updated = await tx.passkey.updateMany({
      where: { id: passkey.id, userId: account.id },
      data: { name },
    });
    if (updated.count !== 1) return false;
    await recordAuditEvent(
      {
        type: "passkey_renamed",
        actor: account,
        subject: account,
        context,
        details: { from: passkey.name, name },
      },
      tx,
    );
    return true;
  });
  return renamed ? { ok: true, name } : GONE;
}
