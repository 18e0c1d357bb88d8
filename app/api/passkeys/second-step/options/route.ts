import { guardedRoute, answer, refuse } from "@/lib/actions/guarded-route";
import { assertionOptions } from "@/lib/passkeys/assertion-options";
import { hasPasskey } from "@/lib/two-factor/passkeys";
import { noInput } from "@/lib/passkeys/route-inputs";
import { passkeysAllowed } from "@/lib/sign-in/passkey-sign-in";

export const dynamic = "force-dynamic";

/** The options of a passkey prompt at step 2: only for a sign-in waiting for it, its passkeys. */
export const POST = guardedRoute(
  { caller: "pending-code", input: noInput },
  async (_, { session, now }) => {
    const { user } = session;
    if (!(await passkeysAllowed()) || !(await hasPasskey(user.id))) {
      return refuse(404, "no_passkey_here");
    }
    return answer(await assertionOptions(user, now));
  },
);
