"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, idleState, shownValues, type FormValues } from "@/lib/forms/form-state";
import { EMAIL_MAX, NAME_MAX } from "@/lib/forms/field-limits";
import { editUserAction } from "./actions";

export type EditUserWords = Record<
  "name" | "email" | "role" | "admin" | "customer" | "save",
  string
>;

/** "Save changes" for one account: after a refusal what was typed, after a save what is stored. */
export function EditUserForm({ stored, words }: { stored: FormValues; words: EditUserWords }) {
  const [state, action] = useActionState(editUserAction, idleState);
  const values = shownValues(state, stored);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="userId" value={stored.userId} />
      <FormMessage state={state} id="edit-user-message" />
      <Field
        label={words.name}
        name="name"
        required
        maxLength={NAME_MAX}
        defaultValue={values.name ?? ""}
        {...fieldError(state, "name", "edit-user-message")}
      />
      <Field
        label={words.email}
        name="email"
        type="email"
        required
        maxLength={EMAIL_MAX}
        defaultValue={values.email ?? ""}
        {...fieldError(state, "email", "edit-user-message")}
      />
      <SelectField
        label={words.role}
        name="role"
        options={[
          ["ADMIN", words.admin],
          ["CUSTOMER", words.customer],
        ]}
        defaultValue={values.role ?? "CUSTOMER"}
        {...fieldError(state, "role", "edit-user-message")}
      />
      <SubmitButton>{words.save}</SubmitButton>
    </form>
  );
}
