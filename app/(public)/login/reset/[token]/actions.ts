"use server";

import { redirect } from "next/navigation";
import { guardedAction } from "@/lib/actions/guarded-action";
import type { Failure } from "@/lib/failures/failure";
import type { FormState } from "@/lib/forms/form-state";
import { resetPassword } from "@/lib/password-reset/reset-password";
import { resetPasswordWithPasskey } from "@/lib/password-reset/reset-with-passkey";
import { resetPasswordSchema } from "@/lib/password-reset/schemas";

export const resetPasswordAction = guardedAction(
  { caller: "anyone", input: resetPasswordSchema },
  async (form, { request, now }): Promise<FormState | Failure> => {
    const { newPassword } = form;
    const result =
      form.method === "passkey"
        ? await resetPasswordWithPasskey(
            form.token,
            { newPassword, response: form.passkeyResponse },
            request,
            now,
          )
        : await resetPassword(
            form.token,
            {
              newPassword,
              method: form.method === "recovery" ? "recovery" : "totp",
              code: form.code,
              recoveryCode: form.recoveryCode,
            },
            request,
            now,
          );
    if (!result.ok) return result.failure;
    redirect("/login?reset=done");
  },
);
