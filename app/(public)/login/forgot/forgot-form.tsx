"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, shownValues } from "@/lib/forms/form-state";
import { EMAIL_MAX } from "@/lib/forms/field-limits";
import { requestPasswordResetAction } from "./actions";

/** The form's words, in the page's language (the `login` catalogue, "forgot"). */
export function ForgotForm({ words }: { words: { email: string; submit: string } }) {
  const [state, action] = useActionState(requestPasswordResetAction, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field
        label={words.email}
        name="email"
        type="email"
        autoComplete="username"
        required
        maxLength={EMAIL_MAX}
        defaultValue={shownValues(state).email ?? ""}
        error={state.fieldErrors?.email}
      />
      <SubmitButton>{words.submit}</SubmitButton>
    </form>
  );
}
