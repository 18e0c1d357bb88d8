"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, idleState, shownValues } from "@/lib/forms/form-state";
import { saveLanguageAction } from "./actions";

export type LanguageFormWords = { label: string; save: string };

/**
 * The account's "Language" with its own "Save". After a save the page is rendered again, so that
 * it is shown in the language chosen (the action's own answer still had the old one).
 */
export function LanguageForm({
  stored,
  options,
  words,
}: {
  /** The stored choice; "" for the browser's language. */
  stored: string;
  options: readonly (readonly [value: string, label: string])[];
  words: LanguageFormWords;
}) {
  const router = useRouter();
  const [state, action] = useActionState(saveLanguageAction, idleState);
  useEffect(() => {
    if (state.status === "success") router.refresh();
  }, [state, router]);
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      <FormMessage state={state} id="language-message" />
      <SelectField
        id="account-language"
        label={words.label}
        name="language"
        options={options}
        defaultValue={shownValues(state, { language: stored }).language ?? ""}
        {...fieldError(state, "language", "language-message")}
      />
      <SubmitButton>{words.save}</SubmitButton>
    </form>
  );
}
