"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { guardedAction } from "@/lib/actions/guarded-action";
import type { Failure } from "@/lib/failures/failure";
import type { FormState } from "@/lib/forms/form-state";
import { deactivateAccount, reactivateAccount } from "@/lib/users/deactivation";
import { editAccount } from "@/lib/users/edit-account";
import { accountIdSchema, editUserSchema } from "@/lib/users/schemas";

export const editUserAction = guardedAction(
  { caller: "admin", input: editUserSchema },
  async (input, { session, request, now }): Promise<FormState | Failure> => {
    const result = await editAccount(input, session.user, request, now);
    if (!result.ok) return result.failure;
    revalidatePath("/backend/users");
    const { id, name, email, role } = result.account;
    const t = await getTranslations("admin.editUser");
    return {
      status: "success",
      message: result.changed.length ? t("saved") : t("unchanged"),
      // What is stored, so a second save posts exactly that (docs/rules.md, rule 29).
      values: { userId: id, name, email, role },
    };
  },
);

export const deactivateUserAction = guardedAction(
  { caller: "admin", input: accountIdSchema },
  async ({ userId }, { session, request, now }): Promise<FormState | Failure> => {
    const result = await deactivateAccount(userId, session.user, request, now);
    if (!result.ok) return result.failure;
    revalidatePath("/backend/users", "layout");
    const t = await getTranslations("admin.editUser");
    return { status: "success", message: t("deactivated", { email: result.email }) };
  },
);

export const reactivateUserAction = guardedAction(
  { caller: "admin", input: accountIdSchema },
  async ({ userId }, { session, request, now }): Promise<FormState | Failure> => {
    const result = await reactivateAccount(userId, session.user, request, now);
    if (!result.ok) return result.failure;
    revalidatePath("/backend/users", "layout");
    const t = await getTranslations("admin.editUser");
    return { status: "success", message: t("reactivated", { email: result.email }) };
  },
);
