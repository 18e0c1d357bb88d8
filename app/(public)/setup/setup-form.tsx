"use client";

import { useActionState } from "react";
import { AccountFields } from "@/components/account/account-fields";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, shownValues } from "@/lib/forms/form-state";
import { createAdminAction } from "./actions";

export function SetupForm() {
  const [state, action] = useActionState(createAdminAction, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} id="setup-message" />
      <AccountFields
        state={state}
        messageId="setup-message"
        values={shownValues(state)}
        ownAccount
      />
      <SubmitButton>Create admin</SubmitButton>
    </form>
  );
}
