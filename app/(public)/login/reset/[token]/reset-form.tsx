"use client";

import type { AuthenticationResponseJSON } from "@simplewebauthn/browser";
import { startTransition, useActionState, useRef, useState } from "react";
import { CodeField } from "@/components/two-factor/code-field";
import { CodeMethodSwitch, type CodeMethod } from "@/components/two-factor/code-method-switch";
import { RecoveryCodeField } from "@/components/two-factor/recovery-code-field";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, idleState } from "@/lib/forms/form-state";
import { factorInstruction } from "@/lib/two-factor/factor-instructions";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/forms/field-limits";
import { resetPasswordAction } from "./actions";
import { ResetPasskey } from "./reset-passkey";

const FACTOR_FIELDS = { code: "reset-code", recovery: "reset-recovery-code" } as const;
const MESSAGE_ID = "reset-message";

type Props = { token: string; secondFactor: boolean; withApp: boolean; passkey: boolean };

/**
 * New password, and the second factor when sign-in would ask for one (docs/rules.md, rule 21):
 * a code from the app, a recovery code, or a passkey (the same action, method "passkey").
 */
export function ResetForm({ token, secondFactor, withApp, passkey }: Props) {
  const [state, action] = useActionState(resetPasswordAction, idleState);
  const [method, setMethod] = useState<CodeMethod>(withApp ? "code" : "recovery");
  const formRef = useRef<HTMLFormElement>(null);
  // The second factor, asked for in the words of the method shown.
  const factor = (
    <>
      <p className="text-sm text-slate-700">
        {factorInstruction(method, { withApp, passkey })} as well.
      </p>
      {method === "code" ? (
        <CodeField id={FACTOR_FIELDS.code} {...fieldError(state, "code", MESSAGE_ID)} />
      ) : (
        <RecoveryCodeField
          id={FACTOR_FIELDS.recovery}
          {...fieldError(state, "recoveryCode", MESSAGE_ID)}
        />
      )}
    </>
  );

  function resetWithPasskey(response: AuthenticationResponseJSON) {
    if (!formRef.current) return;
    const data = new FormData(formRef.current);
    data.set("method", "passkey");
    data.set("passkeyResponse", JSON.stringify(response));
    startTransition(() => action(data));
  }

  return (
    <div className="space-y-4">
      <form ref={formRef} action={action} className="space-y-4" noValidate>
        <FormMessage state={state} id={MESSAGE_ID} />
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
          {...fieldError(state, "newPassword", MESSAGE_ID)}
        />
        {secondFactor ? <input type="hidden" name="method" value={method} /> : null}
        {secondFactor ? factor : null}
        <SubmitButton>Set new password</SubmitButton>
      </form>
      {secondFactor && withApp ? (
        <CodeMethodSwitch method={method} onChange={setMethod} fieldIds={FACTOR_FIELDS} />
      ) : null}
      {secondFactor && passkey ? (
        <div className="border-t border-slate-200 pt-4">
          <ResetPasskey token={token} onResponse={resetWithPasskey} />
        </div>
      ) : null}
    </div>
  );
}
