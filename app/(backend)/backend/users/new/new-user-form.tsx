"use client";

import { useActionState } from "react";
import { AccountFields, type AccountFieldWords } from "@/components/account/account-fields";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, idleState, shownValues } from "@/lib/forms/form-state";
import { createUserAction } from "./actions";

const MESSAGE_ID = "new-user-message";

export type NewUserWords = Record<"role" | "admin" | "customer" | "create", string>;

export function NewUserForm({
  words,
  fieldWords,
}: {
  words: NewUserWords;
  fieldWords: AccountFieldWords;
}) {
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
        label={words.role}
        name="role"
        options={[
          ["ADMIN", words.admin],
          ["CUSTOMER", words.customer],
        ]}
        defaultValue={values.role ?? "CUSTOMER"}
        {...fieldError(state, "role", MESSAGE_ID)}
      />
      <SubmitButton>{words.create}</SubmitButton>
    </form>
  );
}
