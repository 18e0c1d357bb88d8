"use client";

import { useActionState } from "react";
import { AccountFields } from "@/components/account/account-fields";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { createUserAction } from "./actions";

export function NewUserForm() {
  const [state, action] = useActionState(createUserAction, idleState);
  const roleError = state.fieldErrors?.role;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <AccountFields errors={state.fieldErrors} ownAccount={false} />
      <div>
        <label htmlFor="field-role" className="block text-sm font-medium text-slate-800">
          Role
        </label>
        <select
          id="field-role"
          name="role"
          defaultValue="CUSTOMER"
          aria-invalid={roleError ? true : undefined}
          aria-describedby={roleError ? "field-role-error" : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
        >
          <option value="ADMIN">Admin</option>
          <option value="CUSTOMER">Customer</option>
        </select>
        {roleError ? (
          <p id="field-role-error" className="mt-1 text-sm text-red-700">
            {roleError}
          </p>
        ) : null}
      </div>
      <SubmitButton>Create user</SubmitButton>
    </form>
  );
}
