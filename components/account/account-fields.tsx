import { Field } from "@/components/ui/field";
import { EMAIL_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/users/limits";

type AccountFieldErrors = { name?: string; email?: string; password?: string };

/**
 * Name, Email and Password of a new account, limited as `newUserSchema` limits them. Only the
 * person the account is for (first-run setup) gets their own name and email filled in; an admin
 * creating someone else's account does not.
 */
export function AccountFields({
  errors,
  ownAccount,
}: {
  errors: AccountFieldErrors | undefined;
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
        error={errors?.name}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete={ownAccount ? "email" : undefined}
        required
        maxLength={EMAIL_MAX}
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
