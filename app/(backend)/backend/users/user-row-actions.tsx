"use client";

import { resetQuestion } from "@/lib/users/reset-scope";
import { resetTwoFactorAction, signOutEverywhereAction } from "./actions";
import { ConfirmedAccountAction } from "./confirmed-account-action";

/**
 * "Reset two-factor", confirmed in place; offered only to an account with a second factor
 * (`resettable`), else "No second factor".
 */
export function ResetTwoFactor({
  userId,
  email,
  describedBy,
  resettable,
}: {
  userId: string;
  email: string;
  describedBy: string;
  resettable: boolean;
}) {
  return (
    <ConfirmedAccountAction
      userId={userId}
      describedBy={describedBy}
      unavailable={resettable ? undefined : "No second factor"}
      label="Reset two-factor"
      question={resetQuestion(email)}
      action={resetTwoFactorAction}
    />
  );
}

/** "Sign out everywhere", confirmed in place (docs/rules.md, rule 22). */
export function SignOutEverywhere({
  userId,
  email,
  describedBy,
}: {
  userId: string;
  email: string;
  describedBy: string;
}) {
  return (
    <ConfirmedAccountAction
      userId={userId}
      describedBy={describedBy}
      label="Sign out everywhere"
      question={`Sign ${email} out of every browser? Each is sent to the sign-in page on its next request.`}
      action={signOutEverywhereAction}
    />
  );
}
