import { getSession } from "@/lib/auth/session";
import { assertionOptions } from "@/lib/passkeys/assertion";
import { answer, readJsonBody, refuse } from "@/lib/passkeys/http";
import { hasPasskey } from "@/lib/passkeys/passkeys";
import { passkeysAllowed } from "@/lib/passkeys/sign-in";

export const dynamic = "force-dynamic";

/** The options of a passkey prompt at step 2: only for a sign-in waiting for it, its passkeys. */
export async function POST(request: Request) {
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const session = await getSession();
  if (!session) return refuse(401, "Sign in first.");
  if (session.stage !== "AWAITING_CODE") return refuse(403, "No sign-in is waiting for this.");
  if (!(await passkeysAllowed()) || !(await hasPasskey(session.user.id))) {
    return refuse(404, "No passkey can be used here.");
  }
  return answer(await assertionOptions(session.user, new Date()));
}
