"use server";

import { redirect } from "next/navigation";
import { errorState, parseForm, type FormState } from "@/lib/forms/form-state";
import { requestContext } from "@/lib/http/request-context";
import { firstAdminSchema } from "@/lib/users/schemas";
import { createFirstAdmin } from "@/lib/users/users";

export async function createAdmin(_state: FormState, formData: FormData): Promise<FormState> {
  const form = parseForm(firstAdminSchema, formData, ["name", "email", "password"]);
  if (!form.ok) return form.state;
  const created = await createFirstAdmin(form.data, await requestContext());
  if (!created.ok) {
    if (created.field === "form") redirect("/login");
    return errorState(created.message, { [created.field]: created.message });
  }
  redirect("/login?setup=done");
}
