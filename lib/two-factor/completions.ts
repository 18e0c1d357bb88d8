import "server-only";
import type { RequestContext } from "@/lib/audit/audit";
import { completeSignIn, openSignIn, sendSignInToEnrolment } from "@/lib/auth/sign-in-rows";
import { passkeyPolicyApplies, type SignInStage } from "@/lib/auth/stage";
import { getSettings, type InstanceSettings } from "@/lib/settings/settings";
import { enrolmentNeedOf } from "./enrolment-need";
import type { Prisma } from "@/lib/db/generated/client";
import type { Completion } from "./types";

// What a proven second factor completes at sign-in (docs/architecture.md, "The life of a
// sign-in"), inside the proof's transaction. A reset's completion is lib/password-reset's.

/**
 * Step 2: the sign-in that waits for its second factor, unless it has ended or expired. It
 * completes, or goes on to /login/enroll when it must still add a factor: always after an
 * admin-issued recovery code (docs/rules.md, rule 33), and where a passkey is required and the
 * account has none (rule 34). The stage it reached.
 */
export function completesWaitingSignIn(signInId: string, now: Date): Completion<SignInStage> {
  let settings: InstanceSettings | undefined;
  return {
    purpose: "second_step",
    // The settings are read before the transaction, which then needs no second connection.
    prepare: async () => {
      settings = await getSettings();
    },
    complete: async (tx, { account, method }) => {
      const recoveredAt = method === "issued_recovery" ? now : null;
      if (
        mayNeedEnrolment(method, settings) &&
        (await enrolmentNeedOf(account.id, now, recoveredAt, tx, settings))
      ) {
        const moved = await sendSignInToEnrolment(signInId, now, recoveredAt, tx);
        return moved ? "AWAITING_ENROLMENT" : null;
      }
      return (await completeSignIn(signInId, "AWAITING_CODE", now, tx)) ? "COMPLETE" : null;
    },
  };
}

/**
 * Whether the account must be read to know what it must still add. Not after an authenticator
 * app's code where no one is required to have a passkey: the code's time-step was claimed in this
 * transaction, which only an account with a confirmed app can do (`claimTimeStep`), so it has a
 * second factor (rule 8); rule 33 is about issued recovery codes alone, and rule 34 applies to
 * no role (`passkeyPolicyApplies` for an admin covers both ADMINS and EVERYONE). Every sign-in
 * with a code thus skips one query (docs/architecture.md, "Reads per request").
 */
function mayNeedEnrolment(method: string, settings: InstanceSettings | undefined) {
  if (method !== "totp" || !settings) return true;
  return passkeyPolicyApplies({ role: "ADMIN" }, settings);
}

/** A passkey alone on /login: a complete sign-in is opened, as a password and a code would. */
export function opensCompleteSignIn(
  context: RequestContext,
  now: Date,
  isNewBrowser: (tx: Prisma.TransactionClient, userId: string) => Promise<boolean> = async () =>
    false,
): Completion<string> {
  return {
    purpose: "sign_in",
    complete: async (tx, { account }) => {
      const user = await tx.user.findUnique({
        where: { id: account.id },
        select: { id: true, sessionVersion: true, deactivatedAt: true },
      });
      // A deactivated account's passkey opens nothing (refused as a sign-in that is over). Whether
      // the browser is new is known only now, once the passkey named the account.
      if (!user || user.deactivatedAt) return null;
      const newBrowser = await isNewBrowser(tx, user.id);
      return openSignIn(user, "COMPLETE", context, now, tx, newBrowser);
    },
  };
}
