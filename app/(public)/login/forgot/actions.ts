"use server";

import { guardedAction } from "@/lib/actions/guarded-action";
import { errorState, type FormState } from "@/lib/forms/form-state";
import { requestPasswordReset } from "@/lib/password-reset/request-reset";
import { forgotPasswordSchema } from "@/lib/password-reset/schemas";

export const requestPasswordResetAction = guardedAction(
  { caller: "anyone", input: forgotPasswordSchema },
  async (form, { request, now }): Promise<FormState> => {
    const result = await requestPasswordReset(form.email, request, now);
    if (!result.ok) return errorState(result.message);
    return { status: "success", message: result.message };
  },
);
