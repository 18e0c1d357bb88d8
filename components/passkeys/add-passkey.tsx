"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { finishEnrolmentAction } from "@/components/two-factor/actions";
import { CodeField } from "@/components/two-factor/code-field";
import { ConfirmForm } from "@/components/two-factor/confirm-form";
import { CurrentPasswordField } from "@/components/two-factor/current-password-field";
import { SignOutOthersOffer } from "@/components/signed-in-browsers/sign-out-others-offer";
import { RecoveryCodes } from "@/components/two-factor/recovery-codes";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { errorState, idleState, type FormState } from "@/lib/forms/form-state";
import { PASSKEY_NAME_MAX } from "@/lib/passkeys/limits";
import { startPasskeyRegistrationAction } from "./actions";
import { postJson, PROMPT_FAILED } from "./post-json";

// The WebAuthn helper loads when the form opens, not with the page (docs/architecture.md, "What
// the browser loads"); the module is fetched once, whoever asks first.
const loadWebAuthn = () => import("@simplewebauthn/browser");

/**
 * "Add a passkey": the current password (and a code when the account has an authenticator app),
 * then the browser's prompt, then the new passkey is stored; an account without recovery codes
 * gets its 10 here. On /login/enroll it completes the sign-in.
 */
export function AddPasskey({ withCode, enrolling }: { withCode: boolean; enrolling: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<FormState>(idleState);
  const [pending, setPending] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [otherBrowsers, setOtherBrowsers] = useState(0);

  function finish() {
    if (enrolling) void finishEnrolmentAction(new FormData());
    else router.refresh();
  }

  async function add(form: FormData) {
    if (pending) return;
    setPending(true);
    try {
      const started = await startPasskeyRegistrationAction(idleState, form);
      if (started.status !== "success" || !started.options) return setState(started);
      let response;
      try {
        const { startRegistration } = await loadWebAuthn();
        response = await startRegistration({ optionsJSON: started.options });
      } catch {
        return setState(errorState(PROMPT_FAILED));
      }
      const added = await postJson("/api/passkeys/registration", {
        response,
        name: form.get("name"),
      });
      if (!added.ok) return setState(errorState(added.error));
      const recoveryCodes = added.data.recoveryCodes;
      setOpen(false);
      setOtherBrowsers(Number(added.data.otherBrowsers) || 0);
      setState({ status: "success", message: `Passkey “${String(added.data.name)}” added.` });
      if (Array.isArray(recoveryCodes)) setCodes(recoveryCodes as string[]);
      else finish();
    } finally {
      setPending(false);
    }
  }

  const offer = <SignOutOthersOffer otherBrowsers={otherBrowsers} />;
  if (codes) {
    return (
      <div className="space-y-3">
        <RecoveryCodes
          codes={codes}
          onDone={() => {
            setCodes(null);
            finish();
          }}
        />
        {offer}
      </div>
    );
  }
  if (!open) {
    return (
      <div className="space-y-3">
        {state.status === "success" ? (
          <p role="status" className="text-sm text-green-800">
            {state.message}
          </p>
        ) : null}
        {state.status === "success" ? offer : null}
        <button
          type="button"
          onClick={() => {
            setState(idleState);
            setOpen(true);
            void loadWebAuthn().catch(() => undefined);
          }}
          className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
        >
          Add a passkey
        </button>
      </div>
    );
  }
  return (
    <ConfirmForm
      action={add}
      state={state}
      explanation={`Confirm with your current password${withCode ? " and a current code from your app" : ""}; your browser then asks for the passkey.`}
      submit={<SubmitButton>Add a passkey</SubmitButton>}
      onCancel={() => setOpen(false)}
    >
      <CurrentPasswordField id="passkey-password" error={state.fieldErrors?.password} />
      {withCode ? <CodeField id="passkey-code" error={state.fieldErrors?.code} /> : null}
      <Field
        id="passkey-name"
        label="Passkey name"
        name="name"
        maxLength={PASSKEY_NAME_MAX}
        autoComplete="off"
        hint="Optional. Without one, the passkey is named after this browser and system."
      />
    </ConfirmForm>
  );
}
