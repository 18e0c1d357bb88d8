import { homeFor } from "@/lib/auth/session";
import { answer, contextOf, readWaitingStepJson, refuse } from "@/lib/passkeys/http";
import { completeSecondStepWithPasskey } from "@/lib/passkeys/sign-in";

export const dynamic = "force-dynamic";

/** Step 2 with a passkey: the signed challenge completes the waiting sign-in. */
export async function POST(request: Request) {
  const read = await readWaitingStepJson(request);
  if (!read.ok) return read.response;
  const { session } = read;
  const result = await completeSecondStepWithPasskey(
    session.signInId,
    session.user,
    read.body.response,
    contextOf(request),
  );
  if (result.ok) {
    // Back to the page first asked for, when it is of this account's area (docs/rules.md, rule 30).
    const next = typeof read.body.next === "string" ? read.body.next : null;
    return answer({ redirect: homeFor({ ...session, stage: "COMPLETE" }, next) });
  }
  if (result.reason === "sign_in_over") {
    return refuse(409, "Your sign-in has expired. Sign in again.");
  }
  return refuse(400, "That passkey could not be used. Try again or use a code.");
}
