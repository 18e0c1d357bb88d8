"use server";

import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { guardedAction } from "@/lib/actions/guarded-action";
import { failedState, type FormState } from "@/lib/forms/form-state";
import { requestPasswordReset } from "@/lib/password-reset/request-reset";
import { forgotPasswordSchema } from "@/lib/password-reset/schemas";

export const requestPasswordResetAction = guardedAction(
  { caller: "anyone", input: forgotPasswordSchema },
  async (form, { request, now }): Promise<FormState> => {
    // The account's device cookie, if this browser has one, lets it past its network's limit.
    const jar = await cookies();
    const result = await requestPasswordReset(
      form.email,
      request,
      now,
      (name) => jar.get(name)?.value,
    );
    if (!result.ok) return failedState(result.failure);
    // The same words whether or not the account exists (lib/password-reset/request-reset.ts).
    return { status: "success", message: (await getTranslations("login.forgot"))("sent") };
  },
);
