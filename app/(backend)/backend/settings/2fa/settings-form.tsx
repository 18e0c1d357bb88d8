"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import type { InstanceSettings } from "@/lib/settings/settings";
import { saveTwoFactorSettingsAction } from "./actions";

export function TwoFactorSettingsForm({ settings }: { settings: InstanceSettings }) {
  const [state, action] = useActionState(saveTwoFactorSettingsAction, idleState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-xl space-y-5" noValidate>
      <FormMessage state={state} />
      <Field
        label="Company name"
        name="companyName"
        required
        maxLength={100}
        defaultValue={settings.companyName ?? ""}
        hint="The label authenticator apps show for this instance. Renaming it changes the label of new enrolments only: existing app entries keep their old label until re-enrolled, and their codes keep working."
        error={errors.companyName}
      />
      <div className="flex items-start gap-3">
        <input
          id="field-twoFactorEnabled"
          name="twoFactorEnabled"
          type="checkbox"
          defaultChecked={settings.twoFactorEnabled}
          className="mt-1 h-5 w-5"
          aria-describedby="field-twoFactorEnabled-hint"
        />
        <div>
          <label htmlFor="field-twoFactorEnabled" className="font-medium">
            Enable two-factor authentication
          </label>
          <p id="field-twoFactorEnabled-hint" className="text-sm text-slate-600">
            When off, sign-in asks for the password only; enrolments are kept and come back when you
            turn it on again.
          </p>
        </div>
      </div>
      <div>
        <label htmlFor="field-requireTwoFactor" className="block text-sm font-medium">
          Require two-factor authentication for
        </label>
        <select
          id="field-requireTwoFactor"
          name="requireTwoFactor"
          defaultValue={settings.requireTwoFactor}
          aria-invalid={errors.requireTwoFactor ? true : undefined}
          aria-describedby={errors.requireTwoFactor ? "field-requireTwoFactor-error" : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
        >
          <option value="NOBODY">Nobody</option>
          <option value="ADMINS">Admins</option>
          <option value="EVERYONE">Everyone</option>
        </select>
        {errors.requireTwoFactor ? (
          <p id="field-requireTwoFactor-error" className="mt-1 text-sm text-red-700">
            {errors.requireTwoFactor}
          </p>
        ) : null}
      </div>
      <Field
        label="Grace period (days)"
        name="gracePeriodDays"
        type="number"
        inputMode="numeric"
        min={0}
        max={365}
        required
        defaultValue={settings.gracePeriodDays}
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
        defaultValue={settings.trustBrowserDays}
        hint="0 turns trusted browsers off."
        error={errors.trustBrowserDays}
      />
      <div className="flex items-start gap-3">
        <input
          id="field-allowPasskeys"
          name="allowPasskeys"
          type="checkbox"
          defaultChecked={settings.allowPasskeys}
          className="mt-1 h-5 w-5"
          aria-describedby="field-allowPasskeys-hint"
        />
        <div>
          <label htmlFor="field-allowPasskeys" className="font-medium">
            Allow passkeys
          </label>
          <p id="field-allowPasskeys-hint" className="text-sm text-slate-600">
            When off, passkeys are neither offered nor accepted; they are kept and work again when
            you turn this on.
          </p>
        </div>
      </div>
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
