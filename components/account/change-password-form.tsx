"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, idleState } from "@/lib/forms/form-state";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/forms/field-limits";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePasswordAction, idleState);
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      <FormMessage state={state} id="change-password-message" />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        maxLength={PASSWORD_MAX}
        {...fieldError(state, "currentPassword", "change-password-message")}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        hint={`At least ${PASSWORD_MIN} characters. Changing it signs your other sessions out.`}
        {...fieldError(state, "newPassword", "change-password-message")}
      />
      <SubmitButton>Change password</SubmitButton>
    </form>
  );
}
