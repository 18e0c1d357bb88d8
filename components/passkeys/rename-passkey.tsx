"use client";

import { useActionState, useState } from "react";
import { ConfirmForm } from "@/components/two-factor/confirm-form";
import { useReturnFocus } from "@/components/ui/confirmation-focus";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, idleState, shownValues, type FormState } from "@/lib/forms/form-state";
import { PASSKEY_NAME_MAX } from "@/lib/passkeys/limits";
import { renamePasskeyAction } from "./actions";

/**
 * "Rename <name>": an inline form with the name, prefilled. Focus lands on the field as it opens,
 * Escape or Cancel closes it, and a save closes it too, giving focus back to the button.
 */
export type RenamePasskeyWords = {
  /** "Rename <name>". */
  button: string;
  explanation: string;
  name: string;
  save: string;
  cancel: string;
};

export function RenamePasskey({
  passkey,
  words,
}: {
  passkey: { id: string; name: string };
  words: RenamePasskeyWords;
}) {
  const [open, setOpen] = useState(false);
  const [state, rename] = useActionState<FormState, FormData>(renamePasskeyAction, idleState);
  const [answered, setAnswered] = useState(state);
  const opener = useReturnFocus(open ? "rename" : null)("rename");
  if (state !== answered) {
    setAnswered(state);
    if (state.status === "success") setOpen(false);
  }
  if (open) {
    return (
      <ConfirmForm
        action={rename}
        state={state}
        explanation={words.explanation}
        messageId={`rename-passkey-message-${passkey.id}`}
        submit={<SubmitButton>{words.save}</SubmitButton>}
        onCancel={() => setOpen(false)}
        cancel={words.cancel}
      >
        <input type="hidden" name="id" value={passkey.id} />
        <Field
          id={`rename-passkey-${passkey.id}`}
          label={words.name}
          name="name"
          required
          maxLength={PASSKEY_NAME_MAX}
          autoComplete="off"
          defaultValue={shownValues(state, { name: passkey.name }).name ?? ""}
          {...fieldError(state, "name", `rename-passkey-message-${passkey.id}`)}
        />
      </ConfirmForm>
    );
  }
  return (
    <>
      {state.status === "success" ? (
        <p role="status" className="text-sm text-green-800">
          {state.message}
        </p>
      ) : null}
      <button
        ref={opener}
        type="button"
        onClick={() => setOpen(true)}
        className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-100"
      >
        {words.button}
      </button>
    </>
  );
}
