import { guardedRoute, answer, refuse } from "@/lib/actions/guarded-route";
import { passkeyConfirmationOptions } from "@/lib/passkeys/confirmation";
import { noInput } from "@/lib/passkeys/route-inputs";
import { passkeysAllowed } from "@/lib/sign-in/passkey-sign-in";

export const dynamic = "force-dynamic";

/**
 * The options of the prompt that confirms adding or removing a passkey on an account whose only
 * second factor is its passkeys (docs/rules.md, rule 27). A pending sign-in never gets them: only
 * a complete one, or one that policy sends to enrol (which may add a passkey).
 */
export const POST = guardedRoute(
  { caller: "enrolling", input: noInput },
  async (_, { session, now }) => {
    const options = (await passkeysAllowed())
      ? await passkeyConfirmationOptions(session.user, now)
      : null;
    if (!options) return refuse(404, "no_confirmation_asked");
    return answer(options);
  },
);
