"use client";

import { issueRecoveryCodeAction, resetTwoFactorAction, signOutEverywhereAction } from "./actions";
import { ConfirmedAccountAction } from "@/components/ui/confirmed-account-action";

/** The words of one row's buttons, made on the server (questions name the row's account). */
export type RowActionWords = {
  cancel: string;
  noSecondFactor: string;
  resetTwoFactor: string;
  resetQuestion: string;
  signOutEverywhere: string;
  signOutQuestion: string;
  issueRecoveryCode: string;
  issueQuestion: string;
};

/**
 * A row's confirmed buttons: "Reset two-factor", offered only to an account with a second factor
 * (`resettable`), else "No second factor"; "Sign out everywhere" (docs/rules.md, rule 22); and
 * "Issue a recovery code" (rule 33), for an account holder who lost every factor, whose code
 * shows once, in the answer's message.
 */
export function UserRowActions({
  userId,
  describedBy,
  resettable,
  words,
}: {
  userId: string;
  describedBy: string;
  resettable: boolean;
  words: RowActionWords;
}) {
  const shared = { userId, describedBy, cancel: words.cancel };
  return (
    <>
      <ConfirmedAccountAction
        {...shared}
        unavailable={resettable ? undefined : words.noSecondFactor}
        label={words.resetTwoFactor}
        question={words.resetQuestion}
        action={resetTwoFactorAction}
      />
      <ConfirmedAccountAction
        {...shared}
        label={words.signOutEverywhere}
        question={words.signOutQuestion}
        action={signOutEverywhereAction}
      />
      <ConfirmedAccountAction
        {...shared}
        label={words.issueRecoveryCode}
        question={words.issueQuestion}
        action={issueRecoveryCodeAction}
      />
    </>
  );
}
