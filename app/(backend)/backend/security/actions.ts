"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { guardedAction } from "@/lib/actions/guarded-action";
import type { Failure } from "@/lib/failures/failure";
import type { FormState } from "@/lib/forms/form-state";
import { unlockAccount } from "@/lib/security-overview/locked-out";
import { accountIdSchema } from "@/lib/users/schemas";

export const unlockAccountAction = guardedAction(
  { caller: "admin", input: accountIdSchema },
  async ({ userId }, { session, request, now }): Promise<FormState | Failure> => {
    const result = await unlockAccount(userId, session.user, request, now);
    if (!result.ok) return result.failure;
    revalidatePath("/backend/security");
    const t = await getTranslations("admin.security");
    return { status: "success", message: t("unlocked", { email: result.email }) };
  },
);
