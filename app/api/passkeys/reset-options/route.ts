import { guardedRoute, answer, refuse } from "@/lib/actions/guarded-route";
import { assertionOptions } from "@/lib/passkeys/assertion-options";
import { resetOptionsInput } from "@/lib/passkeys/route-inputs";
import { accountOfResetLink } from "@/lib/password-reset/tokens";

export const dynamic = "force-dynamic";

/**
 * The options of a passkey prompt on a reset link: the account is the one of the link, proven by
 * its token (never an account id from the browser); only its passkeys, a challenge for the reset.
 */
export const POST = guardedRoute(
  { caller: "anyone", input: resetOptionsInput },
  async ({ token }, { now }) => {
    const link = await accountOfResetLink(token, now);
    if (!link) return refuse(404, "invalid_link");
    if (!link.account.passkey) return refuse(404, "no_passkey_here");
    return answer(await assertionOptions(link.account, now, "RESET"));
  },
);
