"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, idleState, shownValues, type FormValues } from "@/lib/forms/form-state";
import { EMAIL_MAX, NAME_MAX } from "@/lib/forms/field-limits";
import { editUserAction } from "./actions";

const ROLE_OPTIONS = [
  ["ADMIN", "Admin"],
  ["CUSTOMER", "Customer"],
] as const;

/** "Save changes" for one account: after a refusal what was typed, after a save what is stored. */
export function EditUserForm({ stored }: { stored: FormValues }) {
  const [state, action] = useActionState(editUserAction, idleState);
  const values = shownValues(state, stored);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="userId" value={stored.userId} />
      <FormMessage state={state} id="edit-user-message" />
      <Field
        label="Name"
        name="name"
        required
        maxLength={NAME_MAX}
        defaultValue={values.name ?? ""}
        {...fieldError(state, "name", "edit-user-message")}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        required
        maxLength={EMAIL_MAX}
        defaultValue={values.email ?? ""}
        {...fieldError(state, "email", "edit-user-message")}
      />
      <SelectField
        label="Role"
        name="role"
        options={ROLE_OPTIONS}
        defaultValue={values.role ?? "CUSTOMER"}
        {...fieldError(state, "role", "edit-user-message")}
      />
      <SubmitButton>Save changes</SubmitButton>
    </form>
  );
}
