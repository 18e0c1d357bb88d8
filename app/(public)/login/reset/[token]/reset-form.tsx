"use client";

import { useActionState, useState } from "react";
import { CodeField } from "@/components/two-factor/code-field";
import { CodeMethodSwitch, type CodeMethod } from "@/components/two-factor/code-method-switch";
import { RecoveryCodeField } from "@/components/two-factor/recovery-code-field";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/users/schemas";
import { resetPasswordAction } from "./actions";

/** New password, and the second factor when sign-in would ask for one (docs/rules.md, rule 21). */
export function ResetForm({ token, secondFactor }: { token: string; secondFactor: boolean }) {
  const [state, action] = useActionState(resetPasswordAction, idleState);
  const [method, setMethod] = useState<CodeMethod>("code");
  const factor =
    method === "code" ? (
      <CodeField id="reset-code" error={state.fieldErrors?.code} />
    ) : (
      <RecoveryCodeField id="reset-recovery-code" error={state.fieldErrors?.recoveryCode} />
    );
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
        {secondFactor ? factor : null}
        <SubmitButton>Set new password</SubmitButton>
      </form>
      {secondFactor ? <CodeMethodSwitch method={method} onChange={setMethod} /> : null}
      {/*
        PASSKEYS (to be added with the passkeys branch): a "Use a passkey" button here for an
        account that has a passkey. It must complete this reset through the same one-transaction
        path as a code (lib/password-reset/reset-password.ts, `factor`), never skip it.
      */}
    </div>
  );
}
