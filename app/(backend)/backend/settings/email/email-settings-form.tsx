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

const SECURITY_OPTIONS = [
  ["NONE", "None"],
  ["STARTTLS", "STARTTLS"],
  ["TLS", "TLS"],
] as const;

/** `stored`: what the page read (`emailSettingsValues`); `settings` says whether a password is saved. */
export function EmailSettingsForm({
  settings,
  stored,
}: {
  settings: EmailSettingsView;
  stored: FormValues;
}) {
  const [state, action] = useActionState(saveEmailSettingsAction, idleState);
  const errors = state.fieldErrors ?? {};
  const values = shownValues(state, stored);
  return (
    <form action={action} className="max-w-xl space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="savedAt" value={values.savedAt ?? ""} />
      <Field
        label="SMTP host"
        name="smtpHost"
        maxLength={253}
        autoComplete="off"
        defaultValue={values.smtpHost ?? ""}
        hint="Leave empty to turn e-mail off."
        error={errors.smtpHost}
      />
      <Field
        label="SMTP port"
        name="smtpPort"
        type="number"
        inputMode="numeric"
        min={1}
        max={65535}
        required
        defaultValue={values.smtpPort ?? ""}
        hint="Usually 587 with STARTTLS, 465 with TLS."
        error={errors.smtpPort}
      />
      <SelectField
        label="Connection security"
        name="smtpSecurity"
        options={SECURITY_OPTIONS}
        defaultValue={values.smtpSecurity ?? "STARTTLS"}
        error={errors.smtpSecurity}
      />
      <Field
        label="SMTP username"
        name="smtpUsername"
        maxLength={SMTP_CREDENTIAL_MAX}
        autoComplete="off"
        defaultValue={values.smtpUsername ?? ""}
        error={errors.smtpUsername}
      />
      <Field
        label="SMTP password"
        name="smtpPassword"
        type="password"
        maxLength={SMTP_CREDENTIAL_MAX}
        autoComplete="new-password"
        hint={
          settings.hasPassword
            ? "A password is saved; it is never shown. Leave empty to keep it. Changing the host, port, connection security or username removes it unless you type it again."
            : "No password is saved."
        }
        error={errors.smtpPassword}
      />
      {settings.hasPassword ? (
        <CheckboxField
          label="Remove the saved password"
          name="removePassword"
          defaultChecked={values.removePassword === "on"}
          error={errors.removePassword}
        />
      ) : null}
      <Field
        label="From address"
        name="fromAddress"
        maxLength={254}
        autoComplete="off"
        spellCheck={false}
        defaultValue={values.fromAddress ?? ""}
        hint="An address, or a name and an address: AppMail <noreply@example.com>."
        error={errors.fromAddress}
      />
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
