"use client";

import { useActionState } from "react";
import { CheckboxField, Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, shownValues, type FormValues } from "@/lib/forms/form-state";
import { saveTwoFactorSettingsAction } from "./actions";

const POLICY_OPTIONS = [
  ["NOBODY", "Nobody"],
  ["ADMINS", "Admins"],
  ["EVERYONE", "Everyone"],
] as const;

/** `stored`: the settings as the page read them (`twoFactorSettingsValues`). */
export function TwoFactorSettingsForm({ stored }: { stored: FormValues }) {
  const [state, action] = useActionState(saveTwoFactorSettingsAction, idleState);
  const errors = state.fieldErrors ?? {};
  const values = shownValues(state, stored);
  return (
    <form action={action} className="max-w-xl space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="version" value={values.version ?? ""} />
      <Field
        label="Company name"
        name="companyName"
        required
        maxLength={100}
        defaultValue={values.companyName ?? ""}
        hint="The label authenticator apps show for this instance. Renaming it changes the label of new enrolments only: existing app entries keep their old label until re-enrolled, and their codes keep working."
        error={errors.companyName}
      />
      <CheckboxField
        label="Enable two-factor authentication"
        name="twoFactorEnabled"
        defaultChecked={values.twoFactorEnabled === "on"}
        hint="When off, sign-in asks for the password only; enrolments are kept and come back when you turn it on again."
        error={errors.twoFactorEnabled}
      />
      <SelectField
        label="Require two-factor authentication for"
        name="requireTwoFactor"
        options={POLICY_OPTIONS}
        defaultValue={values.requireTwoFactor ?? "NOBODY"}
        error={errors.requireTwoFactor}
      />
      <Field
        label="Grace period (days)"
        name="gracePeriodDays"
        type="number"
        inputMode="numeric"
        min={0}
        max={365}
        required
        defaultValue={values.gracePeriodDays ?? ""}
        hint="How long accounts that must use two-factor authentication may still sign in without it."
        error={errors.gracePeriodDays}
      />
      <Field
        label="Trust browsers for (days)"
        name="trustBrowserDays"
        type="number"
        inputMode="numeric"
        min={0}
        max={90}
        required
        defaultValue={values.trustBrowserDays ?? ""}
        hint="0 turns trusted browsers off."
        error={errors.trustBrowserDays}
      />
      <CheckboxField
        label="Allow passkeys"
        name="allowPasskeys"
        defaultChecked={values.allowPasskeys === "on"}
        hint="When off, passkeys are neither offered nor accepted; they are kept and work again when you turn this on."
        error={errors.allowPasskeys}
      />
      <SelectField
        label="Require a passkey for"
        name="requirePasskey"
        options={POLICY_OPTIONS}
        defaultValue={values.requirePasskey ?? "NOBODY"}
        error={errors.requirePasskey}
      />
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
