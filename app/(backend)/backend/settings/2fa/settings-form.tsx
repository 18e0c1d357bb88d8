"use client";

import { useActionState } from "react";
import { CheckboxField, Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, shownValues, type FormValues } from "@/lib/forms/form-state";
import { saveTwoFactorSettingsAction } from "./actions";

export type TwoFactorSettingsWords = Record<
  | "companyName"
  | "companyNameHint"
  | "enable"
  | "enableHint"
  | "requireTwoFactor"
  | "nobody"
  | "admins"
  | "everyone"
  | "gracePeriod"
  | "gracePeriodHint"
  | "trustBrowsers"
  | "trustBrowsersHint"
  | "allowPasskeys"
  | "allowPasskeysHint"
  | "requirePasskey"
  | "save",
  string
>;

/** `stored`: the settings as the page read them (`twoFactorSettingsValues`). */
export function TwoFactorSettingsForm({
  stored,
  words,
}: {
  stored: FormValues;
  words: TwoFactorSettingsWords;
}) {
  const [state, action] = useActionState(saveTwoFactorSettingsAction, idleState);
  const errors = state.fieldErrors ?? {};
  const values = shownValues(state, stored);
  const policyOptions = [
    ["NOBODY", words.nobody],
    ["ADMINS", words.admins],
    ["EVERYONE", words.everyone],
  ] as const;
  return (
    <form action={action} className="max-w-xl space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="version" value={values.version ?? ""} />
      <Field
        label={words.companyName}
        name="companyName"
        required
        maxLength={100}
        defaultValue={values.companyName ?? ""}
        hint={words.companyNameHint}
        error={errors.companyName}
      />
      <CheckboxField
        label={words.enable}
        name="twoFactorEnabled"
        defaultChecked={values.twoFactorEnabled === "on"}
        hint={words.enableHint}
        error={errors.twoFactorEnabled}
      />
      <SelectField
        label={words.requireTwoFactor}
        name="requireTwoFactor"
        options={policyOptions}
        defaultValue={values.requireTwoFactor ?? "NOBODY"}
        error={errors.requireTwoFactor}
      />
      <Field
        label={words.gracePeriod}
        name="gracePeriodDays"
        type="number"
        inputMode="numeric"
        min={0}
        max={365}
        required
        defaultValue={values.gracePeriodDays ?? ""}
        hint={words.gracePeriodHint}
        error={errors.gracePeriodDays}
      />
      <Field
        label={words.trustBrowsers}
        name="trustBrowserDays"
        type="number"
        inputMode="numeric"
        min={0}
        max={90}
        required
        defaultValue={values.trustBrowserDays ?? ""}
        hint={words.trustBrowsersHint}
        error={errors.trustBrowserDays}
      />
      <CheckboxField
        label={words.allowPasskeys}
        name="allowPasskeys"
        defaultChecked={values.allowPasskeys === "on"}
        hint={words.allowPasskeysHint}
        error={errors.allowPasskeys}
      />
      <SelectField
        label={words.requirePasskey}
        name="requirePasskey"
        options={policyOptions}
        defaultValue={values.requirePasskey ?? "NOBODY"}
        error={errors.requirePasskey}
      />
      <SubmitButton>{words.save}</SubmitButton>
    </form>
  );
}
