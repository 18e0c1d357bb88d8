"use client";

import type { AuthenticationResponseJSON } from "@simplewebauthn/browser";
import { startTransition, useActionState, useRef, useState } from "react";
import { CodeField } from "@/components/two-factor/code-field";
import { CodeMethodSwitch, type CodeMethod } from "@/components/two-factor/code-method-switch";
import { RecoveryCodeField } from "@/components/two-factor/recovery-code-field";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FieldWords } from "@/components/two-factor/field-words";
import { fieldError, idleState } from "@/lib/forms/form-state";
import { factorInstruction, type FactorInstruction } from "@/lib/two-factor/factor-instructions";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/forms/field-limits";
import { resetPasswordAction } from "./actions";
import { ResetPasskey } from "./reset-passkey";

const FACTOR_FIELDS = { code: "reset-code", recovery: "reset-recovery-code" } as const;
const MESSAGE_ID = "reset-message";

/** The form's words, in the page's language (the `login` catalogue, "reset"). */
export type ResetFormWords = {
  newPassword: string;
  newPasswordHint: string;
  instruction: Record<FactorInstruction, string>;
  submit: string;
  passkey: string;
  fields: FieldWords;
};

type Props = {
  token: string;
  secondFactor: boolean;
  withApp: boolean;
  passkey: boolean;
  words: ResetFormWords;
};

/**
 * New password, and the second factor when sign-in would ask for one (docs/rules.md, rule 21):
 * a code from the app, a recovery code, or a passkey (the same action, method "passkey").
 */
export function ResetForm({ token, secondFactor, withApp, passkey, words }: Props) {
  const [state, action] = useActionState(resetPasswordAction, idleState);
  const [method, setMethod] = useState<CodeMethod>(withApp ? "code" : "recovery");
  const formRef = useRef<HTMLFormElement>(null);
  // The second factor, asked for in the words of the method shown.
  const factor = (
    <>
      <p className="text-sm text-slate-700">
        {words.instruction[factorInstruction(method, { withApp, passkey })]}
      </p>
      {method === "code" ? (
        <CodeField
          id={FACTOR_FIELDS.code}
          words={words.fields.code}
          {...fieldError(state, "code", MESSAGE_ID)}
        />
      ) : (
        <RecoveryCodeField
          id={FACTOR_FIELDS.recovery}
          words={words.fields.recoveryCode}
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
          label={words.newPassword}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={words.newPasswordHint}
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          required
          {...fieldError(state, "newPassword", MESSAGE_ID)}
        />
        {secondFactor ? <input type="hidden" name="method" value={method} /> : null}
        {secondFactor ? factor : null}
        <SubmitButton>{words.submit}</SubmitButton>
      </form>
      {secondFactor && withApp ? (
        <CodeMethodSwitch
          method={method}
          onChange={setMethod}
          fieldIds={FACTOR_FIELDS}
          words={words.fields.methodSwitch}
        />
      ) : null}
      {secondFactor && passkey ? (
        <div className="border-t border-slate-200 pt-4">
          <ResetPasskey token={token} onResponse={resetWithPasskey} label={words.passkey} />
        </div>
      ) : null}
    </div>
  );
}
