"use client";

import { useState } from "react";
import { ConfirmForm } from "@/components/two-factor/confirm-form";
import { CurrentPasswordField } from "@/components/two-factor/current-password-field";
import type { FieldWords } from "@/components/two-factor/field-words";
import { useReturnFocus } from "@/components/ui/confirmation-focus";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, idleState } from "@/lib/forms/form-state";
import type { RemovePasskeyState } from "./actions";
import { RenamePasskey, type RenamePasskeyWords } from "./rename-passkey";

/** One passkey with its words, made on the server: "Added … Last used …", its buttons. */
export type PasskeyView = {
  id: string;
  name: string;
  /** "Added <date>. Last used <date>." or "… Never used." */
  used: string;
  /** "Remove <name>". */
  remove: string;
  rename: RenamePasskeyWords;
};

export type PasskeyItemWords = { removeExplanation: string; cancel: string };

/**
 * One passkey: its name, when it was added and last used, "Rename <name>", and "Remove <name>"
 * with the password (and, `withPasskey`, a confirmation by one of the account's passkeys,
 * docs/rules.md, rule 27).
 */
export function PasskeyItem({
  passkey,
  remove,
  removal,
  withPasskey,
  fieldWords,
  words,
}: {
  passkey: PasskeyView;
  words: PasskeyItemWords;
  remove: (form: FormData) => void;
  removal: RemovePasskeyState;
  withPasskey: boolean;
  fieldWords: FieldWords;
}) {
  const [confirming, setConfirming] = useState(false);
  const opener = useReturnFocus(confirming ? "removal" : null)("removal");
  // The list shares one removal state; a refusal shows only beside the passkey it is about.
  const state = removal.passkeyId === passkey.id ? removal : idleState;
  const label = passkey.remove;
  return (
    <li className="space-y-2 rounded-md border border-slate-200 p-3">
      <p className="font-medium break-words">{passkey.name}</p>
      <p className="text-sm text-slate-600">{passkey.used}</p>
      <RenamePasskey passkey={passkey} words={passkey.rename} />
      {confirming ? (
        <ConfirmForm
          action={remove}
          state={state}
          explanation={words.removeExplanation}
          messageId={`remove-passkey-message-${passkey.id}`}
          submit={<SubmitButton variant="danger">{label}</SubmitButton>}
          tone="danger"
          onCancel={() => setConfirming(false)}
          cancel={words.cancel}
        >
          <input type="hidden" name="id" value={passkey.id} />
          <CurrentPasswordField
            id={`remove-passkey-password-${passkey.id}`}
            words={fieldWords.currentPassword}
            {...fieldError(state, "password", `remove-passkey-message-${passkey.id}`)}
          />
        </ConfirmForm>
      ) : (
        <button
          ref={opener}
          type="button"
          onClick={() => {
            setConfirming(true);
            // The confirming prompt's helper, loaded on this click (docs/architecture.md).
            if (withPasskey) void import("@simplewebauthn/browser").catch(() => undefined);
          }}
          className="min-h-11 rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50"
        >
          {label}
        </button>
      )}
    </li>
  );
}
