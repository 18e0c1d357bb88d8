import { assertionOptions } from "@/lib/passkeys/assertion";
import { answer, readJsonBody, refuse } from "@/lib/passkeys/http";
import { accountOfResetLink, INVALID_LINK } from "@/lib/password-reset/tokens";

export const dynamic = "force-dynamic";

/**
 * The options of a passkey prompt on a reset link: the account is the one of the link, proven by
 * its token (never an account id from the browser); only its passkeys, a challenge for the reset.
 */
export async function POST(request: Request) {
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const now = new Date();
  const link = await accountOfResetLink(read.body.token, now);
  if (!link) return refuse(404, INVALID_LINK);
  if (!link.account.passkey) return refuse(404, "No passkey can be used here.");
  return answer(await assertionOptions(link.account, now, "RESET"));
}
