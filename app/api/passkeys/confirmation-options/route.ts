import { answer, readSignedInJson, refuse } from "@/lib/passkeys/http";
import { passkeyConfirmationOptions } from "@/lib/passkeys/confirmation";
import { passkeysAllowed } from "@/lib/passkeys/sign-in";

export const dynamic = "force-dynamic";

/**
 * The options of the prompt that confirms adding or removing a passkey on an account whose only
 * second factor is its passkeys (docs/rules.md, rule 27). A pending sign-in never gets them: only
 * a complete one, or one that policy sends to enrol (which may add a passkey).
 */
export async function POST(request: Request) {
  const read = await readSignedInJson(
    request,
    ["COMPLETE", "AWAITING_ENROLMENT"],
    "Finish signing in first.",
  );
  if (!read.ok) return read.response;
  const options = (await passkeysAllowed())
    ? await passkeyConfirmationOptions(read.session.user, new Date())
    : null;
  if (!options) return refuse(404, "No passkey confirmation is asked for here.");
  return answer(options);
}
