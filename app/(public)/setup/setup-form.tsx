"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { createAdmin } from "./actions";

export function SetupForm() {
  const [state, action] = useActionState(createAdmin, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field
        label="Name"
        name="name"
        autoComplete="name"
        required
        maxLength={100}
        error={state.fieldErrors?.name}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        maxLength={254}
        error={state.fieldErrors?.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        maxLength={256}
        hint="At least 10 characters."
        error={state.fieldErrors?.password}
      />
      <SubmitButton>Create admin</SubmitButton>
    </form>
  );
}
