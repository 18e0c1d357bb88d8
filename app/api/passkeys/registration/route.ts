import { guardedRoute, answer, refuse } from "@/lib/actions/guarded-route";
import { countOtherBrowsers } from "@/lib/auth/signed-in-browsers";
import { completeEnrolmentIfDone } from "@/lib/two-factor/enrolment-need";
import { addPasskey } from "@/lib/two-factor/passkey-registration";
import { registrationInput } from "@/lib/passkeys/route-inputs";
import { passkeysAllowed } from "@/lib/sign-in/passkey-sign-in";

export const dynamic = "force-dynamic";

/**
 * The second half of "Add a passkey": the browser's new credential, for a registration challenge
 * that the account's re-check issued (components/passkeys/actions.ts). A pending sign-in never
 * gets here: only a complete one, or one that policy sends to enrol.
 */
export const POST = guardedRoute(
  { caller: "enrolling", input: registrationInput },
  async (input, { session, request, now }) => {
    if (!(await passkeysAllowed())) return refuse(404, "passkeys_off");
    const added = { response: input.response, name: input.name };
    const result = await addPasskey(session.user, added, request, now);
    if (!result.ok) return refuse(400, result.failure);
    // A passkey added where an enrolment was required completes the sign-in waiting for it.
    await completeEnrolmentIfDone(session, now);
    // After a change of sign-in methods, the page offers to end the other browsers (rule 22).
    const otherBrowsers = await countOtherBrowsers(session, now);
    return answer({ name: result.name, recoveryCodes: result.recoveryCodes, otherBrowsers });
  },
);
