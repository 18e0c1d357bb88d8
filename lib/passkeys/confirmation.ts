import "server-only";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { db } from "@/lib/db/client";
import { assertionOptions } from "./assertion-options";

// What adding or removing a passkey asks for beside the current password (docs/rules.md,
// rule 27): a code when the account has an authenticator app; one of its own passkeys, user
// verified, when passkeys are its only second factor; nothing else when it has neither (its first
// passkey). Always read from the database, never from what the page or the browser says.

type Account = { id: string; email: string };

export type PasskeyChangeFactor = "code" | "passkey" | null;

export async function passkeyChangeFactor(userId: string): Promise<PasskeyChangeFactor> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { totpEnabledAt: true, _count: { select: { passkeys: true } } },
  });
  if (!user) return null;
  if (user.totpEnabledAt) return "code";
  return user._count.passkeys > 0 ? "passkey" : null;
}

/**
 * The options of the confirming prompt: only the account's own passkeys, user verification
 * required, over an account-bound, single-use challenge of purpose `CONFIRM`. Null when the
 * account is not asked for one.
 */
export async function passkeyConfirmationOptions(
  account: Account,
  now: Date,
): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  if ((await passkeyChangeFactor(account.id)) !== "passkey") return null;
  return assertionOptions(account, now, "CONFIRM");
}
