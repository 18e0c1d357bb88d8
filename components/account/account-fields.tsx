import { Field } from "@/components/ui/field";
import { fieldError, type FormState, type FormValues } from "@/lib/forms/form-state";
import { EMAIL_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/forms/field-limits";

/** The fields' labels in the page's language (`accountFieldWords`, account-field-words.ts). */
export type AccountFieldWords = {
  name: string;
  email: string;
  password: string;
  passwordHint: string;
};

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
  words,
}: {
  words: AccountFieldWords;
  state: FormState;
  messageId: string;
  values: FormValues;
  ownAccount: boolean;
}) {
  return (
    <>
      <Field
        label={words.name}
        name="name"
        autoComplete={ownAccount ? "name" : undefined}
        required
        maxLength={NAME_MAX}
        defaultValue={values.name ?? ""}
        {...fieldError(state, "name", messageId)}
      />
      <Field
        label={words.email}
        name="email"
        type="email"
        autoComplete={ownAccount ? "email" : undefined}
        required
        maxLength={EMAIL_MAX}
        defaultValue={values.email ?? ""}
        {...fieldError(state, "email", messageId)}
      />
      <Field
        label={words.password}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        hint={words.passwordHint}
        {...fieldError(state, "password", messageId)}
      />
    </>
  );
}
