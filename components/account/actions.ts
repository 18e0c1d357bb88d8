"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/guarded-action";
import type { Failure } from "@/lib/failures/failure";
import type { FormState } from "@/lib/forms/form-state";
import { changePasswordSchema } from "@/lib/users/schemas";
import { changePassword } from "@/lib/users/users";

export const changePasswordAction = guardedAction(
  { caller: "signed-in", input: changePasswordSchema },
  async (form, { session, request, now }): Promise<FormState | Failure> => {
    const result = await changePassword(session.user.id, session.signInId, form, request, now);
    if (!result.ok) return result.failure;
    // The change already ended every other sign-in (docs/rules.md, rule 22): nothing to offer.
    revalidatePath("/", "layout");
    return { status: "success", message: "Password changed. Your other browsers were signed out." };
  },
);
