"use client";

import { issueRecoveryCodeAction } from "./actions";
import { ConfirmedAccountAction } from "./confirmed-account-action";

/**
 * "Issue a recovery code", confirmed in place (docs/rules.md, rule 33): for an account holder who
 * lost every factor. The code shows once, in the answer's message.
 */
export function IssueRecoveryCode({
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
      label="Issue a recovery code"
      question={`Issue a single-use recovery code for ${email}, valid for 24 hours? It replaces any code issued before. After their password it signs them in once, and they must then set up a new authenticator app or passkey. Give it to them only once you are sure who they are.`}
      action={issueRecoveryCodeAction}
    />
  );
}
