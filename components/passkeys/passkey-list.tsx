"use client";

import { useActionState } from "react";
import type { FieldWords } from "@/components/two-factor/field-words";
import {
  SignOutOthersOffer,
  type SignOutOthersOfferWords,
} from "@/components/signed-in-browsers/sign-out-others-offer";
import { errorState, idleState } from "@/lib/forms/form-state";
import { removePasskeyAction, type RemovePasskeyState } from "./actions";
import { PasskeyItem, type PasskeyItemWords, type PasskeyView } from "./passkey-item";
import { CONFIRMATION_OPTIONS } from "./post-json";
import { answerPasskeyPrompt } from "./use-passkey-prompt";

export type PasskeyListWords = {
  list: string;
  none: string;
  item: PasskeyItemWords;
  offer: SignOutOthersOfferWords;
};

/**
 * A removal that one of the account's passkeys confirms (docs/rules.md, rule 27): the browser's
 * prompt after the password is typed, then the action with both. A closed prompt sends nothing.
 */
async function removeConfirmedByPasskey(
  previous: RemovePasskeyState,
  form: FormData,
): Promise<RemovePasskeyState> {
  const confirmed = await answerPasskeyPrompt(CONFIRMATION_OPTIONS);
  if (!confirmed.ok) return { ...errorState(confirmed.error), passkeyId: String(form.get("id")) };
  form.set("confirmation", JSON.stringify(confirmed.response));
  return removePasskeyAction(previous, form);
}

/**
 * The account's passkeys. Removing one re-renders the list without it, so the removal's answer
 * and the "Sign out all other browsers" offer (docs/rules.md, rule 22) live here, not in the item.
 * `withPasskey`: the account's passkeys are its only second factor, so one of them confirms a
 * removal (the server decides again; without it the form also posts without JavaScript).
 */
export function PasskeyList({
  passkeys,
  withPasskey,
  fieldWords,
  words,
}: {
  passkeys: PasskeyView[];
  withPasskey: boolean;
  fieldWords: FieldWords;
  words: PasskeyListWords;
}) {
  const [removal, remove] = useActionState<RemovePasskeyState, FormData>(
    withPasskey ? removeConfirmedByPasskey : removePasskeyAction,
    idleState,
  );
  return (
    <div className="space-y-3">
      {passkeys.length > 0 ? (
        <ul className="space-y-2" aria-label={words.list}>
          {passkeys.map((passkey) => (
            <PasskeyItem
              key={passkey.id}
              passkey={passkey}
              remove={remove}
              removal={removal}
              withPasskey={withPasskey}
              fieldWords={fieldWords}
              words={words.item}
            />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">{words.none}</p>
      )}
      {removal.status === "success" ? (
        <>
          <p role="status" className="text-sm text-green-800">
            {removal.message}
          </p>
          <SignOutOthersOffer otherBrowsers={removal.otherBrowsers} words={words.offer} />
        </>
      ) : null}
    </div>
  );
}
