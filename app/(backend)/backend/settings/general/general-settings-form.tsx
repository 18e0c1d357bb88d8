"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, shownValues, type FormValues } from "@/lib/forms/form-state";
import { saveGeneralSettingsAction } from "./actions";

export type GeneralSettingsWords = Record<
  "defaultLanguage" | "defaultLanguageHint" | "save",
  string
>;

/**
 * `stored`: the settings as the page read them (`generalSettingsValues`); `languages`: each
 * language's value and its own name (words/locales.ts).
 */
export function GeneralSettingsForm({
  stored,
  languages,
  words,
}: {
  stored: FormValues;
  languages: readonly (readonly [string, string])[];
  words: GeneralSettingsWords;
}) {
  const [state, action] = useActionState(saveGeneralSettingsAction, idleState);
  const values = shownValues(state, stored);
  const error = state.fieldErrors?.defaultLanguage;
  return (
    <form action={action} className="max-w-xl space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="version" value={values.version ?? ""} />
      <div className="space-y-1">
        <SelectField
          label={words.defaultLanguage}
          name="defaultLanguage"
          options={languages}
          defaultValue={values.defaultLanguage ?? "en"}
          error={error}
          aria-describedby={`default-language-hint${error ? " field-defaultLanguage-error" : ""}`}
        />
        <p id="default-language-hint" className="text-sm text-slate-600">
          {words.defaultLanguageHint}
        </p>
      </div>
      <SubmitButton>{words.save}</SubmitButton>
    </form>
  );
}
