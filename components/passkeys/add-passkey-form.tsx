"use client";

import { useState } from "react";
import { CodeField } from "@/components/two-factor/code-field";
import { ConfirmForm } from "@/components/two-factor/confirm-form";
import { CurrentPasswordField } from "@/components/two-factor/current-password-field";
import type { FieldWords } from "@/components/two-factor/field-words";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  errorState,
  fieldError,
  idleState,
  shownValues,
  type FormState,
} from "@/lib/forms/form-state";
import { PASSKEY_NAME_MAX } from "@/lib/passkeys/limits";
import { startPasskeyRegistrationAction } from "./actions";
import { CONFIRMATION_OPTIONS, postJson, promptFailed } from "./post-json";
import { answerPasskeyPrompt } from "./use-passkey-prompt";

export type AddPasskeyFormWords = {
  /** What the confirmation asks for, as the server chose it. */
  explanation: string;
  submit: string;
  name: string;
  nameHint: string;
  cancel: string;
};

export type AddedPasskey = { name: string; otherBrowsers: number; recoveryCodes: string[] | null };

/**
 * The open form of "Add a passkey" (loaded when it opens, components/passkeys/add-passkey.tsx):
 * the current password (and a code, or a confirmation by one of the account's passkeys when they
 * are its only second factor, docs/rules.md, rule 27), then the browser's prompt, then the
 * passkey is stored. The server decides what it needs; `withPasskey` only saves a refusal.
 */
export function AddPasskeyForm({
  withCode,
  withPasskey,
  onAdded,
  onCancel,
  fieldWords,
  words,
}: {
  words: AddPasskeyFormWords;
  withCode: boolean;
  withPasskey: boolean;
  onAdded: (added: AddedPasskey) => void;
  onCancel: () => void;
  fieldWords: FieldWords;
}) {
  const [state, setState] = useState<FormState>(idleState);
  const [pending, setPending] = useState(false);

  async function add(form: FormData) {
    if (pending) return;
    setPending(true);
    // A refusal keeps the name typed (docs/architecture.md, "How forms keep values").
    const refuse = (refusal: FormState) =>
      setState({ ...refusal, values: { name: String(form.get("name") ?? "") } });
    try {
      if (withPasskey) {
        const confirmed = await answerPasskeyPrompt(CONFIRMATION_OPTIONS);
        if (!confirmed.ok) return refuse(errorState(confirmed.error));
        form.set("confirmation", JSON.stringify(confirmed.response));
      }
      const started = await startPasskeyRegistrationAction(idleState, form);
      if (started.status !== "success" || !started.options) return refuse(started);
      let response;
      try {
        const { startRegistration } = await import("@simplewebauthn/browser");
        response = await startRegistration({ optionsJSON: started.options });
      } catch {
        return refuse(errorState(promptFailed()));
      }
      const added = await postJson("/api/passkeys/registration", {
        response,
        name: form.get("name"),
      });
      if (!added.ok) return refuse(errorState(added.error));
      const recoveryCodes = added.data.recoveryCodes;
      onAdded({
        name: String(added.data.name),
        otherBrowsers: Number(added.data.otherBrowsers) || 0,
        recoveryCodes: Array.isArray(recoveryCodes) ? (recoveryCodes as string[]) : null,
      });
    } finally {
      setPending(false);
    }
  }

  return (
    <ConfirmForm
      action={add}
      state={state}
      explanation={words.explanation}
      messageId="passkey-message"
      submit={<SubmitButton>{words.submit}</SubmitButton>}
      onCancel={onCancel}
      cancel={words.cancel}
    >
      <CurrentPasswordField
        id="passkey-password"
        words={fieldWords.currentPassword}
        {...fieldError(state, "password", "passkey-message")}
      />
      {withCode ? (
        <CodeField
          id="passkey-code"
          words={fieldWords.code}
          {...fieldError(state, "code", "passkey-message")}
        />
      ) : null}
      <Field
        id="passkey-name"
        label={words.name}
        name="name"
        maxLength={PASSKEY_NAME_MAX}
        autoComplete="off"
        defaultValue={shownValues(state).name ?? ""}
        hint={words.nameHint}
      />
    </ConfirmForm>
  );
}
