"use server";

import { redirect } from "next/navigation";
import { guardedAction } from "@/lib/actions/guarded-action";
import { errorState, type FormState } from "@/lib/forms/form-state";
import { newUserSchema } from "@/lib/users/schemas";
import { createUser } from "@/lib/users/users";

export const createUserAction = guardedAction(
  { caller: "admin", input: newUserSchema },
  async (newUser, { session, request }): Promise<FormState> => {
    const created = await createUser(newUser, request, session.user);
    if (!created.ok) return errorState(created.message, { [created.field]: created.message });
    // The list says so (its "User created" status); the flag carries nothing about the account.
    redirect("/backend/users?created=1");
  },
);
