import "server-only";
import type { RequestContext } from "@/lib/audit/audit";
import { hashPassword } from "@/lib/auth/password";
import { verifyAssertion } from "@/lib/passkeys/assertion";
import { NotReset, replacePassword, type ResetResult } from "./reset-password";
import { accountOfResetLink, INVALID_LINK } from "./tokens";

export const PASSKEY_NOT_ACCEPTED = "That passkey could not be used. Try again or use a code.";

/**
 * A reset whose second factor is one of the account's passkeys (docs/rules.md, rules 18 and 21):
 * its signature over a challenge issued for this link's account (app/api/passkeys/reset-options),
 * checked by lib/passkeys (single use, counter moving forward, audited). Then the same one
 * transaction as with a code; a refused passkey or a used link changes nothing of the account.
 */
export async function resetPasswordWithPasskey(
  token: unknown,
  input: { newPassword: string; response: unknown },
  context: RequestContext,
  now: Date,
): Promise<ResetResult> {
  const link = await accountOfResetLink(token, now);
  if (!link?.account.passkey) {
    return { ok: false, field: "form", message: link ? PASSKEY_NOT_ACCEPTED : INVALID_LINK };
  }
  const { account } = link;
  const verified = await verifyAssertion(
    input.response,
    { account, purpose: "RESET" },
    context,
    now,
  );
  if (!verified.ok) return { ok: false, field: "form", message: PASSKEY_NOT_ACCEPTED };
  try {
    const passwordHash = await hashPassword(input.newPassword);
    await replacePassword(link.tokenId, account, { method: "passkey" }, passwordHash, context, now);
  } catch (error) {
    if (!(error instanceof NotReset)) throw error;
    return { ok: false, field: "form", message: INVALID_LINK };
  }
  return { ok: true };
}
