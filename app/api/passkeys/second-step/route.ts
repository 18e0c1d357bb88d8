import { guardedRoute, answer, refuse } from "@/lib/actions/guarded-route";
import { homeFor } from "@/lib/auth/session";
import { secondStepInput } from "@/lib/passkeys/route-inputs";
import { completeSecondStepWithPasskey } from "@/lib/sign-in/passkey-sign-in";

export const dynamic = "force-dynamic";

/** Step 2 with a passkey: the signed challenge completes the waiting sign-in. */
export const POST = guardedRoute(
  { caller: "pending-code", input: secondStepInput },
  async (input, { session, request }) => {
    const result = await completeSecondStepWithPasskey(
      session.signInId,
      session.user,
      input.response,
      request,
    );
    if (result.ok) {
      // Back to the page first asked for, when it is of this account's area (docs/rules.md, 30).
      const stage = result.stage;
      return answer({ redirect: homeFor({ ...session, stage }, input.next ?? null) });
    }
    if (result.reason === "sign_in_over") {
      return refuse(409, "sign_in_expired");
    }
    return refuse(400, "passkey_unusable");
  },
);
