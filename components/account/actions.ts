"use server";

import { requireCompleteSession } from "@/lib/auth/session";
import { errorState, parseForm, type FormState } from "@/lib/forms/form-state";
import { requestContext } from "@/lib/http/request-context";
import { changePasswordSchema } from "@/lib/users/schemas";
import { changePassword } from "@/lib/users/users";

export async function changePasswordAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const session = await requireCompleteSession();
  const form = parseForm(changePasswordSchema, formData, ["currentPassword", "newPassword"]);
  if (!form.ok) return form.state;
  const result = await changePassword(
    session.user.id,
    session.signInId,
    form.data,
    await requestContext(),
  );
  if (!result.ok) return errorState(result.message, { [result.field]: result.message });
  return { status: "success", message: "Password changed" };
}
