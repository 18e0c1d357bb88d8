import { Field } from "@/components/ui/field";
import { fieldError, type FormState, type FormValues } from "@/lib/forms/form-state";
import { EMAIL_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/forms/field-limits";

/**
 * Name, Email and Password of a new account, limited as `newUserSchema` limits them. Only the
 * person the account is for (first-run setup) gets their own name and email filled in; an admin
 * creating someone else's account does not. `values`: what the form shows after a refusal (the
 * password is never among them); `messageId`: the form's alert (`fieldError`).
 */
export function AccountFields({
  state,
  messageId,
  values,
  ownAccount,
}: {
  state: FormState;
  messageId: string;
  values: FormValues;
  ownAccount: boolean;
}) {
  return (
    <>
      <Field
        label="Name"
        name="name"
        autoComplete={ownAccount ? "name" : undefined}
        required
        maxLength={NAME_MAX}
        defaultValue={values.name ?? ""}
        {...fieldError(state, "name", messageId)}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete={ownAccount ? "email" : undefined}
        required
        maxLength={EMAIL_MAX}
        defaultValue={values.email ?? ""}
        {...fieldError(state, "email", messageId)}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        hint={`At least ${PASSWORD_MIN} characters.`}
        {...fieldError(state, "password", messageId)}
      />
    </>
  );
}
