import "server-only";
import type { RequestContext } from "@/lib/audit/audit";
import { completeSignIn, openSignIn } from "@/lib/auth/sign-in-rows";
import type { Prisma } from "@/lib/db/generated/client";
import type { Completion } from "./types";

// What a proven second factor completes at sign-in (docs/architecture.md, "The life of a
// sign-in"), inside the proof's transaction. A reset's completion is lib/password-reset's.

/** Step 2: the sign-in that waits for its second factor, unless it has ended or expired. */
export function completesWaitingSignIn(signInId: string, now: Date): Completion<string> {
  return {
    purpose: "second_step",
    complete: async (tx) =>
      (await completeSignIn(signInId, "AWAITING_CODE", now, tx)) ? signInId : null,
  };
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
