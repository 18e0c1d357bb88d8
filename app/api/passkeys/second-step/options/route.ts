import { assertionOptions } from "@/lib/passkeys/assertion";
import { answer, readWaitingStepJson, refuse } from "@/lib/passkeys/http";
import { hasPasskey } from "@/lib/passkeys/passkeys";
import { passkeysAllowed } from "@/lib/passkeys/sign-in";

export const dynamic = "force-dynamic";

/** The options of a passkey prompt at step 2: only for a sign-in waiting for it, its passkeys. */
export async function POST(request: Request) {
  const read = await readWaitingStepJson(request);
  if (!read.ok) return read.response;
  const { user } = read.session;
  if (!(await passkeysAllowed()) || !(await hasPasskey(user.id))) {
    return refuse(404, "No passkey can be used here.");
  }
  return answer(await assertionOptions(user, new Date()));
}
