"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { CodeField } from "@/components/two-factor/code-field";
import { CodeMethodSwitch, type CodeMethod } from "@/components/two-factor/code-method-switch";
import { useFocusOnLoad } from "@/components/ui/confirmation-focus";
import { RecoveryCodeField } from "@/components/two-factor/recovery-code-field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FieldWords } from "@/components/two-factor/field-words";
import { fieldError, idleState } from "@/lib/forms/form-state";
import { verifyLoginCodeAction, type VerifyState } from "./actions";

// setTimeout's longest wait; a lock never lasts longer than a day (docs/rules.md, rule 4).
const MAX_TIMER_MS = 2 ** 31 - 1;

const FIELDS = { code: "verify-code", recovery: "verify-recovery-code" } as const;
const MESSAGE_ID = "verify-message";

/** The form's words in the page's language; `trust` is null where trusting a browser is off. */
export type VerifyFormWords = {
  /** What each method asks for, naming the account signing in. */
  instruction: Record<CodeMethod, string>;
  trust: string | null;
  trustHint: string;
  submit: string;
  fields: FieldWords;
};

type VerifyFormProps = {
  /** The account has an authenticator app; without one (a passkey only), recovery codes. */
  withApp: boolean;
  /** The page first asked for (docs/rules.md, rule 30), posted back for the action to check. */
  next: string | null;
  /** While the second step is locked (ISO), the form is disabled until then (rule 31). */
  lockedUntil: string | null;
  words: VerifyFormWords;
};

export function VerifyForm({ withApp, next, lockedUntil, words }: VerifyFormProps) {
  const [state, action] = useActionState(verifyLoginCodeAction, idleState as VerifyState);
  const [method, setMethod] = useState<CodeMethod>(withApp ? "code" : "recovery");
  // A long recovery code with a typo is kept to correct, by this browser alone: the server never
  // sends a code back (docs/architecture.md, "How forms keep values").
  const [typedRecoveryCode, keepRecoveryCode] = useState("");
  const router = useRouter();
  useFocusOnLoad(FIELDS[withApp ? "code" : "recovery"]);
  const until = state.lockedUntil ?? lockedUntil;
  // The lock that has ended, as this page saw it: the form is enabled again at that time.
  const [ended, setEnded] = useState<string | null>(null);
  const locked = until !== null && until !== ended;

  useEffect(() => {
    if (!until) return;
    const wait = Math.min(Math.max(0, Date.parse(until) - Date.now()), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      setEnded(until);
      // The page is rendered again without its lock notice (or, for a sign-in the lock ended,
      // sends the browser back to /login).
      router.refresh();
    }, wait + 1000);
    return () => clearTimeout(timer);
  }, [until, router]);

  return (
    <div className="space-y-4">
      {/* The instruction follows the method shown: a recovery code's field is never asked for as
          "the 6-digit code". */}
      <p className="text-slate-700">{words.instruction[method]}</p>
      <form
        action={action}
        onSubmit={(event) =>
          keepRecoveryCode(String(new FormData(event.currentTarget).get("recoveryCode") ?? ""))
        }
        className="space-y-4"
        noValidate
      >
        <FormMessage state={state} id={MESSAGE_ID} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <fieldset disabled={locked} className="space-y-4 disabled:opacity-70">
          <input type="hidden" name="method" value={method} />
          {method === "code" ? (
            <CodeField
              id={FIELDS.code}
              words={words.fields.code}
              {...fieldError(state, "code", MESSAGE_ID)}
            />
          ) : (
            <RecoveryCodeField
              id={FIELDS.recovery}
              words={words.fields.recoveryCode}
              defaultValue={typedRecoveryCode}
              {...fieldError(state, "recoveryCode", MESSAGE_ID)}
            />
          )}
          {words.trust ? (
            <div className="flex items-start gap-3">
              <input
                id="trust-browser"
                name="trustBrowser"
                type="checkbox"
                aria-describedby="trust-browser-hint"
                className="mt-1 h-5 w-5"
              />
              <div className="text-sm">
                <label htmlFor="trust-browser">{words.trust}</label>
                <p id="trust-browser-hint" className="text-slate-600">
                  {words.trustHint}
                </p>
              </div>
            </div>
          ) : null}
          <SubmitButton>{words.submit}</SubmitButton>
        </fieldset>
      </form>
      {withApp ? (
        <CodeMethodSwitch
          method={method}
          onChange={setMethod}
          fieldIds={FIELDS}
          words={words.fields.methodSwitch}
        />
      ) : null}
    </div>
  );
}
