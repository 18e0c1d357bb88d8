import "server-only";
import type { RequestContext } from "@/lib/audit/audit";
import { refused } from "@/lib/failures/failure";
import { resetWithFactor, type ResetResult } from "./reset-password";
import { accountOfResetLink } from "./tokens";

/**
 * A reset whose second factor is one of the account's passkeys (docs/rules.md, rules 18 and 21):
 * its signature over a challenge issued for this link's account (app/api/passkeys/reset-options),
 * proven as at sign-in (lib/two-factor/proof.ts: single use, counter moving forward, audited) in
 * the reset's one transaction; a refused passkey or a used link changes nothing of the account.
 */
export async function resetPasswordWithPasskey(
  token: unknown,
  input: { newPassword: string; response: unknown },
  context: RequestContext,
  now: Date,
): Promise<ResetResult> {
  const link = await accountOfResetLink(token, now);
  if (!link?.account.passkey) {
    return refused(link ? "passkey_unusable" : "invalid_link");
  }
  const factor = { method: "passkey", response: input.response } as const;
  return resetWithFactor(link, factor, input.newPassword, context, now);
}
