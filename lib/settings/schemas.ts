import { z } from "zod";

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const wholeNumber = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .regex(/^\d{1,4}$/, `Enter ${label} as a whole number from 0 to ${max}.`)
    .transform(Number)
    .pipe(z.number().max(max, `Enter ${label} as a whole number from 0 to ${max}.`));

export const scopeSchema = (error: string) =>
  z.enum(["NOBODY", "ADMINS", "EVERYONE"], { error }).default("NOBODY");

/** Requiring passkeys where none are accepted would send people to a step they cannot pass. */
export const PASSKEYS_OFF_FOR_REQUIREMENT =
  "Turn on “Allow passkeys” before requiring a passkey, or choose Nobody.";

export const twoFactorSettingsSchema = z
  .object({
    // The version of the settings the form was read at: a save never overwrites a newer one. A post
    // without it (a hand-made one) is taken as made against what is stored when it arrives.
    version: z
      .string({ error: "Reload the page and try again." })
      .regex(/^\d{1,9}$/, "Reload the page and try again.")
      .transform(Number)
      .optional(),
    companyName: z
      .string({ error: "Enter the company name." })
      .trim()
      .min(1, "Enter the company name.")
      .max(100, "Use at most 100 characters.")
      .refine((value) => !CONTROL.test(value), "The name contains characters that are not allowed.")
      // A colon separates issuer and account in authenticator apps' labels.
      .refine((value) => !value.includes(":"), "The name cannot contain a colon."),
    twoFactorEnabled: z
      .enum(["on"], { error: "Tick the box or leave it empty." })
      .optional()
      .transform((value) => value === "on"),
    requireTwoFactor: scopeSchema("Choose who must use two-factor authentication."),
    gracePeriodDays: wholeNumber("the grace period", 365),
    trustBrowserDays: wholeNumber("the number of days", 90),
    allowPasskeys: z
      .enum(["on"], { error: "Tick the box or leave it empty." })
      .optional()
      .transform((value) => value === "on"),
    // docs/rules.md, rule 34: refused, at this field, while passkeys are not allowed.
    requirePasskey: scopeSchema("Choose who must have a passkey."),
  })
  .refine((form) => form.allowPasskeys || form.requirePasskey === "NOBODY", {
    path: ["requirePasskey"],
    message: PASSKEYS_OFF_FOR_REQUIREMENT,
  });

export type TwoFactorSettingsInput = z.infer<typeof twoFactorSettingsSchema>;
