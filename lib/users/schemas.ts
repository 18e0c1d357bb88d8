import { z } from "zod";
import { hint } from "@/lib/failures/stored-failure";
import { EMAIL_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/forms/field-limits";
import { LOCALES } from "@/words/locales";

export { EMAIL_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN };

// Control characters (NUL included) never belong in a name, an email or a company name.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const nameField = z
  .string({ error: hint("enter_name") })
  .trim()
  .min(1, hint("enter_name"))
  .max(NAME_MAX, hint("too_long", { max: NAME_MAX }))
  .refine((value) => !CONTROL.test(value), hint("name_characters"));

export const emailField = z
  .string({ error: hint("enter_email") })
  .trim()
  .min(1, hint("enter_email"))
  .max(EMAIL_MAX, hint("email_invalid"))
  .pipe(z.email(hint("email_invalid")))
  .transform((value) => value.toLowerCase());

export const newPasswordField = z
  .string({ error: hint("enter_new_password") })
  .min(PASSWORD_MIN, hint("too_short", { min: PASSWORD_MIN }))
  .max(PASSWORD_MAX, hint("too_long", { max: PASSWORD_MAX }))
  .refine((value) => !value.includes("\u0000"), hint("password_characters"));

export const roleField = z.enum(["ADMIN", "CUSTOMER"], { error: hint("choose_role") });

export const newUserSchema = z.object({
  name: nameField,
  email: emailField,
  password: newPasswordField,
  role: roleField,
});

/** The account an admin acts on, from a hidden field. */
export const accountIdSchema = z.object({
  userId: z
    .string({ error: hint("choose_account") })
    .regex(/^[a-z0-9]{1,64}$/, hint("choose_account")),
});

export const firstAdminSchema = newUserSchema.omit({ role: true });

export const changePasswordSchema = z.object({
  currentPassword: z
    .string({ error: hint("enter_password") })
    .min(1, hint("enter_password"))
    .max(PASSWORD_MAX, hint("wrong_password")),
  newPassword: newPasswordField,
});

export type NewUser = z.infer<typeof newUserSchema>;

/** An admin's "Save changes" on /backend/users/<id>: the account's details, never its password. */
export const editUserSchema = accountIdSchema.extend(newUserSchema.omit({ password: true }).shape);

export type EditedUser = z.infer<typeof editUserSchema>;

/**
 * The account's own "Language": one of ours, or empty for the browser's (stored as null). Any
 * other value comes only from a stale or forged form.
 */
export const accountLanguageSchema = z.object({
  language: z
    .union([z.literal(""), z.enum(LOCALES)], { error: hint("reload_page") })
    .transform((value) => (value === "" ? null : value)),
});
