"use server";

import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { errorState, parseForm, type FormState } from "@/lib/forms/form-state";
import { requestContext } from "@/lib/http/request-context";
import { newUserSchema } from "@/lib/users/schemas";
import { createUser } from "@/lib/users/users";

export async function createUserAction(_state: FormState, formData: FormData): Promise<FormState> {
  const session = await requireRole("ADMIN");
  const form = parseForm(newUserSchema, formData, ["name", "email", "password", "role"]);
  if (!form.ok) return form.state;
  const created = await createUser(form.data, await requestContext(), session.user);
  if (!created.ok) return errorState(created.message, { [created.field]: created.message });
  redirect("/backend/users");
}
