import { Field } from "@/components/ui/field";
import type { FormValues } from "@/lib/forms/form-state";
import { EMAIL_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/forms/field-limits";

type AccountFieldErrors = { name?: string; email?: string; password?: string };

/**
 * Name, Email and Password of a new account, limited as `newUserSchema` limits them. Only the
 * person the account is for (first-run setup) gets their own name and email filled in; an admin
 * creating someone else's account does not. `values`: what the form shows after a refusal (the
 * password is never among them).
 */
export function AccountFields({
  errors,
  values,
  ownAccount,
}: {
  errors: AccountFieldErrors | undefined;
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
        error={errors?.name}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete={ownAccount ? "email" : undefined}
        required
        maxLength={EMAIL_MAX}
        defaultValue={values.email ?? ""}
        error={errors?.email}
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
        error={errors?.password}
      />
    </>
  );
}
