"use client";

import { useActionState } from "react";
import { AccountFields, type AccountFieldWords } from "@/components/account/account-fields";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, idleState, shownValues } from "@/lib/forms/form-state";
import { createUserAction } from "./actions";

const ROLE_OPTIONS = [
  ["ADMIN", "Admin"],
  ["CUSTOMER", "Customer"],
] as const;

const MESSAGE_ID = "new-user-message";

export function NewUserForm({ fieldWords }: { fieldWords: AccountFieldWords }) {
  const [state, action] = useActionState(createUserAction, idleState);
  const values = shownValues(state, { role: "CUSTOMER" });
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} id={MESSAGE_ID} />
      <AccountFields
        state={state}
        messageId={MESSAGE_ID}
        values={values}
        ownAccount={false}
        words={fieldWords}
      />
      <SelectField
        label="Role"
        name="role"
        options={ROLE_OPTIONS}
        defaultValue={values.role ?? "CUSTOMER"}
        {...fieldError(state, "role", MESSAGE_ID)}
      />
      <SubmitButton>Create user</SubmitButton>
    </form>
  );
}
