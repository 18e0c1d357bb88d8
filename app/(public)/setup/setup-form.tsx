"use client";

import { useActionState } from "react";
import { AccountFields, type AccountFieldWords } from "@/components/account/account-fields";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, shownValues } from "@/lib/forms/form-state";
import { createAdminAction } from "./actions";

/** `submit`: the button's words, and the fields', in the page's language. */
export function SetupForm({
  submit,
  fieldWords,
}: {
  submit: string;
  fieldWords: AccountFieldWords;
}) {
  const [state, action] = useActionState(createAdminAction, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} id="setup-message" />
      <AccountFields
        state={state}
        messageId="setup-message"
        values={shownValues(state)}
        ownAccount
        words={fieldWords}
      />
      <SubmitButton>{submit}</SubmitButton>
    </form>
  );
}
