"use server";

import { redirect } from "next/navigation";
import { guardedAction } from "@/lib/actions/guarded-action";
import type { Failure } from "@/lib/failures/failure";
import type { FormState } from "@/lib/forms/form-state";
import { firstAdminSchema } from "@/lib/users/schemas";
import { createFirstAdmin } from "@/lib/users/users";

export const createAdminAction = guardedAction(
  { caller: "anyone", input: firstAdminSchema },
  async (admin, { request }): Promise<FormState | Failure> => {
    const created = await createFirstAdmin(admin, request);
    if (!created.ok) {
      if (created.failure.code === "setup_done") redirect("/login");
      return created.failure;
    }
    redirect("/login?setup=done");
  },
);
