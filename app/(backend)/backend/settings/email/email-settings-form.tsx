"use client";

import { useActionState } from "react";
import { SMTP_CREDENTIAL_MAX } from "@/lib/email/smtp-security";
import { CheckboxField, Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { EmailSettingsView } from "@/lib/email/email-settings";
import { idleState, shownValues, type FormValues } from "@/lib/forms/form-state";
import { saveEmailSettingsAction } from "./actions";

export type EmailSettingsWords = Record<
  | "smtpHost"
  | "smtpHostHint"
  | "smtpPort"
  | "smtpPortHint"
  | "security"
  | "none"
  | "starttls"
  | "tls"
  | "smtpUsername"
  | "smtpPassword"
  | "passwordSavedHint"
  | "noPasswordHint"
  | "removePassword"
  | "fromAddress"
  | "fromAddressHint"
  | "save",
  string
>;

/** `stored`: what the page read (`emailSettingsValues`); `settings` says whether a password is saved. */
export function EmailSettingsForm({
  settings,
  stored,
  words,
}: {
  settings: EmailSettingsView;
  stored: FormValues;
  words: EmailSettingsWords;
}) {
  const [state, action] = useActionState(saveEmailSettingsAction, idleState);
  const errors = state.fieldErrors ?? {};
  const values = shownValues(state, stored);
  return (
    <form action={action} className="max-w-xl space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="savedAt" value={values.savedAt ?? ""} />
      <Field
        label={words.smtpHost}
        name="smtpHost"
        maxLength={253}
        autoComplete="off"
        defaultValue={values.smtpHost ?? ""}
        hint={words.smtpHostHint}
        error={errors.smtpHost}
      />
      <Field
        label={words.smtpPort}
        name="smtpPort"
        type="number"
        inputMode="numeric"
        min={1}
        max={65535}
        required
        defaultValue={values.smtpPort ?? ""}
        hint={words.smtpPortHint}
        error={errors.smtpPort}
      />
      <SelectField
        label={words.security}
        name="smtpSecurity"
        options={[
          ["NONE", words.none],
          ["STARTTLS", words.starttls],
          ["TLS", words.tls],
        ]}
        defaultValue={values.smtpSecurity ?? "STARTTLS"}
        error={errors.smtpSecurity}
      />
      <Field
        label={words.smtpUsername}
        name="smtpUsername"
        maxLength={SMTP_CREDENTIAL_MAX}
        autoComplete="off"
        defaultValue={values.smtpUsername ?? ""}
        error={errors.smtpUsername}
      />
      <Field
        label={words.smtpPassword}
        name="smtpPassword"
        type="password"
        maxLength={SMTP_CREDENTIAL_MAX}
        autoComplete="new-password"
        hint={settings.hasPassword ? words.passwordSavedHint : words.noPasswordHint}
        error={errors.smtpPassword}
      />
      {settings.hasPassword ? (
        <CheckboxField
          label={words.removePassword}
          name="removePassword"
          defaultChecked={values.removePassword === "on"}
          error={errors.removePassword}
        />
      ) : null}
      <Field
        label={words.fromAddress}
        name="fromAddress"
        maxLength={254}
        autoComplete="off"
        spellCheck={false}
        defaultValue={values.fromAddress ?? ""}
        hint={words.fromAddressHint}
        error={errors.fromAddress}
      />
      <SubmitButton>{words.save}</SubmitButton>
    </form>
  );
}
