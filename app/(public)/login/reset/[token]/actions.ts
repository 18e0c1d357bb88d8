"use server";

import { redirect } from "next/navigation";
import { guardedAction } from "@/lib/actions/guarded-action";
import { errorState, type FormState } from "@/lib/forms/form-state";
import { resetPassword } from "@/lib/password-reset/reset-password";
import { resetPasswordSchema } from "@/lib/password-reset/schemas";

export const resetPasswordAction = guardedAction(
  { caller: "anyone", input: resetPasswordSchema },
  async (form, { request, now }): Promise<FormState> => {
    const result = await resetPassword(
      form.token,
      {
        newPassword: form.newPassword,
        method: form.method === "recovery" ? "recovery" : "totp",
        code: form.code,
        recoveryCode: form.recoveryCode,
      },
      request,
      now,
    );
    if (!result.ok) {
      const fields = result.field === "form" ? undefined : { [result.field]: result.message };
      return errorState(result.message, fields);
    }
    redirect("/login?reset=done");
  },
);
