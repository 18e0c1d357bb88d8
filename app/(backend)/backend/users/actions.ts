"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/guarded-action";
import type { Failure } from "@/lib/failures/failure";
import type { FormState } from "@/lib/forms/form-state";
import { resetTwoFactor } from "@/lib/users/admin-reset";
import { accountIdSchema } from "@/lib/users/schemas";
import { issueRecoveryCode } from "@/lib/users/issue-recovery-code";
import { signOutEverywhere } from "@/lib/users/sign-out-everywhere";

export const resetTwoFactorAction = guardedAction(
  { caller: "admin", input: accountIdSchema },
  async ({ userId }, { session, request }): Promise<FormState | Failure> => {
    const result = await resetTwoFactor({ id: userId }, session.user, request);
    if (!result.ok) return result.failure;
    revalidatePath("/backend/users");
    return { status: "success", message: `Two-factor authentication reset for ${result.email}.` };
  },
);

export const signOutEverywhereAction = guardedAction(
  { caller: "admin", input: accountIdSchema },
  async ({ userId }, { session, request, now }): Promise<FormState | Failure> => {
    const result = await signOutEverywhere(userId, session.user, request, now);
    if (!result.ok) return result.failure;
    revalidatePath("/backend/users");
    const browsers = result.count === 1 ? "1 browser" : `${result.count} browsers`;
    return { status: "success", message: `Signed ${result.email} out of ${browsers}.` };
  },
);

/**
 * "Issue a recovery code" (docs/rules.md, rule 33): the code is in this answer only, shown once
 * to the admin who asked; the database keeps its keyed hash.
 */
export const issueRecoveryCodeAction = guardedAction(
  { caller: "admin", input: accountIdSchema },
  async ({ userId }, { session, request, now }): Promise<FormState | Failure> => {
    const result = await issueRecoveryCode(userId, session.user, request, now);
    if (!result.ok) return result.failure;
    const until = result.expiresAt.toISOString().slice(0, 16).replace("T", " ");
    return {
      status: "success",
      message: `Recovery code for ${result.email}: ${result.code} — it works once, until ${until} UTC, and is shown only now. Any earlier one no longer works.`,
    };
  },
);
