import { guardedRoute, answer, refuse } from "@/lib/actions/guarded-route";
import { assertionOptions } from "@/lib/passkeys/assertion-options";
import { noInput } from "@/lib/passkeys/route-inputs";
import { passkeysAllowed } from "@/lib/sign-in/passkey-sign-in";

export const dynamic = "force-dynamic";

/** The options of a passkey prompt on /login: any discoverable credential, user verified. */
export const POST = guardedRoute({ caller: "anyone", input: noInput }, async (_, { now }) => {
  if (!(await passkeysAllowed())) return refuse(404, "passkeys_off");
  return answer(await assertionOptions(null, now));
});
