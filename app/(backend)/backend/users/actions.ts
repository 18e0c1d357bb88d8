"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { errorState, type FormState } from "@/lib/forms/form-state";
import { requestContext } from "@/lib/http/request-context";
import { resetTwoFactor } from "@/lib/users/admin-reset";

export async function resetTwoFactorAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const session = await requireRole("ADMIN");
  const userId = formData instanceof FormData ? formData.get("userId") : null;
  if (typeof userId !== "string" || !/^[a-z0-9]{1,64}$/.test(userId)) {
    return errorState("Choose an account to reset.");
  }
  const result = await resetTwoFactor({ id: userId }, session.user, await requestContext());
  if (!result.ok) return errorState(result.message);
  revalidatePath("/backend/users");
  return { status: "success", message: `Two-factor authentication reset for ${result.email}.` };
}
