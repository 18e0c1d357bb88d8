"use server";

import { redirect } from "next/navigation";
import { guardedAction } from "@/lib/actions/guarded-action";
import { errorState, type FormState } from "@/lib/forms/form-state";
import { firstAdminSchema } from "@/lib/users/schemas";
import { createFirstAdmin } from "@/lib/users/users";

export const createAdminAction = guardedAction(
  { caller: "anyone", input: firstAdminSchema },
  async (admin, { request }): Promise<FormState> => {
    const created = await createFirstAdmin(admin, request);
    if (!created.ok) {
      if (created.field === "form") redirect("/login");
      return errorState(created.message, { [created.field]: created.message });
    }
    redirect("/login?setup=done");
  },
);
