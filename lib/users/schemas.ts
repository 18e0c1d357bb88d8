import { z } from "zod";
import { EMAIL_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/forms/field-limits";

export { EMAIL_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN };

// Control characters (NUL included) never belong in a name, an email or a company name.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const nameField = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(NAME_MAX, `Use at most ${NAME_MAX} characters.`)
  .refine((value) => !CONTROL.test(value), "The name contains characters that are not allowed.");

export const emailField = z
  .string({ error: "Enter an email address." })
  .trim()
  .min(1, "Enter an email address.")
  .max(EMAIL_MAX, "Enter a valid email address.")
  .pipe(z.email("Enter a valid email address."))
  .transform((value) => value.toLowerCase());

export const newPasswordField = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .refine(
    (value) => !value.includes("\u0000"),
    "The password contains a character that is not allowed.",
  );

export const roleField = z.enum(["ADMIN", "CUSTOMER"], { error: "Choose a role." });

export const newUserSchema = z.object({
  name: nameField,
  email: emailField,
  password: newPasswordField,
  role: roleField,
});

/** The account an admin acts on, from a hidden field. */
export const accountIdSchema = z.object({
  userId: z.string({ error: "Choose an account." }).regex(/^[a-z0-9]{1,64}$/, "Choose an account."),
});

export const firstAdminSchema = newUserSchema.omit({ role: true });

export const changePasswordSchema = z.object({
  currentPassword: z
    .string({ error: "Enter your current password." })
    .min(1, "Enter your current password.")
    .max(PASSWORD_MAX, "Your current password is incorrect."),
  newPassword: newPasswordField,
});

export type NewUser = z.infer<typeof newUserSchema>;

/** An admin's "Save changes" on /backend/users/<id>: the account's details, never its password. */
export const editUserSchema = accountIdSchema.extend(newUserSchema.omit({ password: true }).shape);

export type EditedUser = z.infer<typeof editUserSchema>;
