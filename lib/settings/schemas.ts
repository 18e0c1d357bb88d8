import { z } from "zod";
import type { FailureCode } from "@/lib/failures/failure";
import { hint } from "@/lib/failures/stored-failure";
import { LOCALES } from "@/words/locales";

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A number of days from 0 to `max`: `missing` when absent, `outOfRange` (with `max`) otherwise. */
const wholeNumber = (missing: FailureCode, outOfRange: FailureCode, max: number) =>
  z
    .string({ error: hint(missing) })
    .trim()
    .regex(/^\d{1,4}$/, hint(outOfRange, { max }))
    .transform(Number)
    .pipe(z.number().max(max, hint(outOfRange, { max })));

export const scopeSchema = (error: FailureCode) =>
  z.enum(["NOBODY", "ADMINS", "EVERYONE"], { error: hint(error) }).default("NOBODY");

/** Requiring passkeys where none are accepted would send people to a step they cannot pass. */
export const PASSKEYS_OFF_FOR_REQUIREMENT = hint("passkeys_off_for_requirement");

// The version of the settings a form was read at: a save never overwrites a newer one. A post
// without it (a hand-made one) is taken as made against what is stored when it arrives.
const settingsVersion = z
  .string({ error: hint("reload_page") })
  .regex(/^\d{1,9}$/, hint("reload_page"))
  .transform(Number)
  .optional();

export const twoFactorSettingsSchema = z
  .object({
    version: settingsVersion,
    companyName: z
      .string({ error: hint("enter_company_name") })
      .trim()
      .min(1, hint("enter_company_name"))
      .max(100, hint("too_long", { max: 100 }))
      .refine((value) => !CONTROL.test(value), hint("name_characters"))
      // A colon separates issuer and account in authenticator apps' labels.
      .refine((value) => !value.includes(":"), hint("company_name_colon")),
    twoFactorEnabled: z
      .enum(["on"], { error: hint("tick_or_leave_empty") })
      .optional()
      .transform((value) => value === "on"),
    requireTwoFactor: scopeSchema("choose_two_factor_scope"),
    gracePeriodDays: wholeNumber("enter_grace_period", "grace_period_range", 365),
    trustBrowserDays: wholeNumber("enter_trust_days", "trust_days_range", 90),
    allowPasskeys: z
      .enum(["on"], { error: hint("tick_or_leave_empty") })
      .optional()
      .transform((value) => value === "on"),
    // docs/rules.md, rule 34: refused, at this field, while passkeys are not allowed.
    requirePasskey: scopeSchema("choose_passkey_scope"),
  })
  .refine((form) => form.allowPasskeys || form.requirePasskey === "NOBODY", {
    path: ["requirePasskey"],
    message: PASSKEYS_OFF_FOR_REQUIREMENT,
  });

export type TwoFactorSettingsInput = z.infer<typeof twoFactorSettingsSchema>;

/**
 * /backend/settings/general: only the four languages of words/locales.ts. The select offers
 * nothing else, so another value comes from a page older than this list, or a hand-made post.
 */
export const generalSettingsSchema = z.object({
  version: settingsVersion,
  defaultLanguage: z.enum(LOCALES, { error: hint("reload_page") }),
});
