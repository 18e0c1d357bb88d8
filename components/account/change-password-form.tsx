"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, idleState } from "@/lib/forms/form-state";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/forms/field-limits";
import { changePasswordAction } from "./actions";

export type ChangePasswordWords = { current: string; new: string; hint: string; submit: string };

export function ChangePasswordForm({ words }: { words: ChangePasswordWords }) {
  const [state, action] = useActionState(changePasswordAction, idleState);
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      <FormMessage state={state} id="change-password-message" />
      <Field
        label={words.current}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        maxLength={PASSWORD_MAX}
        {...fieldError(state, "currentPassword", "change-password-message")}
      />
      <Field
        label={words.new}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        hint={words.hint}
        {...fieldError(state, "newPassword", "change-password-message")}
      />
      <SubmitButton>{words.submit}</SubmitButton>
    </form>
  );
}
