"use client";

import { useActionState, useState } from "react";
import { CodeField } from "@/components/two-factor/code-field";
import { CodeMethodSwitch, type CodeMethod } from "@/components/two-factor/code-method-switch";
import { RecoveryCodeField } from "@/components/two-factor/recovery-code-field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { verifyLoginCodeAction } from "./actions";

/** `withApp`: the account has an authenticator app; without one (a passkey only), recovery codes. */
export function VerifyForm({ trustDays, withApp }: { trustDays: number; withApp: boolean }) {
  const [state, action] = useActionState(verifyLoginCodeAction, idleState);
  const [method, setMethod] = useState<CodeMethod>(withApp ? "code" : "recovery");
  // A long recovery code with a typo is kept to correct, by this browser alone: the server never
  // sends a code back (docs/architecture.md, "How forms keep values").
  const [typedRecoveryCode, keepRecoveryCode] = useState("");
  return (
    <div className="space-y-4">
      <form
        action={action}
        onSubmit={(event) =>
          keepRecoveryCode(String(new FormData(event.currentTarget).get("recoveryCode") ?? ""))
        }
        className="space-y-4"
        noValidate
      >
        <FormMessage state={state} />
        <input type="hidden" name="method" value={method} />
        {method === "code" ? (
          <CodeField id="verify-code" error={state.fieldErrors?.code} />
        ) : (
          <RecoveryCodeField
            id="verify-recovery-code"
            defaultValue={typedRecoveryCode}
            error={state.fieldErrors?.recoveryCode}
          />
        )}
        {trustDays > 0 ? (
          <div className="flex items-start gap-3">
            <input
              id="trust-browser"
              name="trustBrowser"
              type="checkbox"
              aria-describedby="trust-browser-hint"
              className="mt-1 h-5 w-5"
            />
            <div className="text-sm">
              <label htmlFor="trust-browser">Trust this browser</label>
              <p id="trust-browser-hint" className="text-slate-600">
                Skip this step on this browser for {trustDays} day{trustDays === 1 ? "" : "s"}.
              </p>
            </div>
          </div>
        ) : null}
        <SubmitButton>Verify</SubmitButton>
      </form>
      {withApp ? <CodeMethodSwitch method={method} onChange={setMethod} /> : null}
    </div>
  );
}
