"use server";

import { redirect } from "next/navigation";
import { guardedAction } from "@/lib/actions/guarded-action";
import type { Failure } from "@/lib/failures/failure";
import type { FormState } from "@/lib/forms/form-state";
import { newUserSchema } from "@/lib/users/schemas";
import { createUser } from "@/lib/users/users";

export const createUserAction = guardedAction(
  { caller: "admin", input: newUserSchema },
  async (newUser, { session, request }): Promise<FormState | Failure> => {
    const created = await createUser(newUser, request, session.user);
    if (!created.ok) return created.failure;
    // The list says so (its "User created" status); the flag carries nothing about the account.
    redirect("/backend/users?created=1");
  },
);
