"use client";

import { useActionState, useState } from "react";
import { CodeField } from "@/components/two-factor/code-field";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/users/schemas";
import { resetPasswordAction } from "./actions";

/** New password, and the second factor when sign-in would ask for one (docs/rules.md, rule 21). */
export function ResetForm({ token, secondFactor }: { token: string; secondFactor: boolean }) {
  const [state, action] = useActionState(resetPasswordAction, idleState);
  const [method, setMethod] = useState<"totp" | "recovery">("totp");
  return (
    <div className="space-y-4">
      <form action={action} className="space-y-4" noValidate>
        <FormMessage state={state} />
        <input type="hidden" name="token" value={token} />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters.`}
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          required
          error={state.fieldErrors?.newPassword}
        />
        {secondFactor ? <input type="hidden" name="method" value={method} /> : null}
        {secondFactor && method === "totp" ? (
          <CodeField id="reset-code" error={state.fieldErrors?.code} />
        ) : null}
        {secondFactor && method === "recovery" ? (
          <Field
            id="reset-recovery-code"
            label="Recovery code"
            name="recoveryCode"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={64}
            required
            error={state.fieldErrors?.recoveryCode}
          />
        ) : null}
        <SubmitButton>Set new password</SubmitButton>
      </form>
      {secondFactor ? (
        <button
          type="button"
          className="text-sm font-medium text-indigo-700 underline"
          onClick={() => setMethod(method === "totp" ? "recovery" : "totp")}
        >
          {method === "totp" ? "Use a recovery code" : "Use an authentication code"}
        </button>
      ) : null}
      {/*
        PASSKEYS: the "Use a passkey" option goes here, for an account that has a passkey (built
        on the passkeys branch). It must complete this reset through the same one-transaction
        path as a code (lib/password-reset/reset-password.ts, `factor`), never skip it.
      */}
    </div>
  );
}
