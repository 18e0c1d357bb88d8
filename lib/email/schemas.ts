import { z } from "zod";
import { hint } from "@/lib/failures/stored-failure";
import {
  formatFromAddress,
  FROM_ADDRESS_HELP,
  FROM_ADDRESS_MAX,
  parseFromAddress,
} from "./from-address";
import { SMTP_CREDENTIAL_MAX, SMTP_SECURITY } from "./smtp-security";

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?)+$|^\[[0-9A-Fa-f:.]+\]$/;

export { SMTP_CREDENTIAL_MAX };

/** Empty means "not set": stored as null. */
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, hint("too_long", { max }))
    .refine((value) => !CONTROL.test(value), message)
    .optional()
    .transform((value) => (value ? value : null));

export const emailSettingsSchema = z
  .object({
    // When the settings the form shows were saved (empty: never): a save made after another
    // admin's is refused rather than overwriting it. Posts without it (by hand) are not checked.
    savedAt: z.string().max(40).optional(),
    smtpHost: optionalText(253, hint("enter_host_or_address")).refine(
      (value) => value === null || HOST.test(value),
      hint("enter_host_or_address"),
    ),
    smtpPort: z
      .string({ error: hint("enter_smtp_port") })
      .trim()
      .regex(/^\d{1,5}$/, hint("port_range"))
      .transform(Number)
      .pipe(z.number().min(1).max(65535, hint("port_range"))),
    smtpSecurity: z.enum(SMTP_SECURITY, { error: hint("choose_connection_security") }),
    smtpUsername: optionalText(SMTP_CREDENTIAL_MAX, hint("username_characters")),
    // Empty keeps the saved password: it is never sent back to the page to be posted again.
    smtpPassword: z
      .string()
      .max(SMTP_CREDENTIAL_MAX, hint("too_long", { max: SMTP_CREDENTIAL_MAX }))
      .refine((value) => !value.includes("\u0000"), hint("password_characters"))
      .optional()
      .transform((value) => (value ? value : undefined)),
    removePassword: z
      .enum(["on"], { error: hint("tick_or_leave_empty") })
      .optional()
      .transform((value) => value === "on"),
    // A bare address or "Name <address>", stored in one spelling (lib/email/from-address.ts).
    fromAddress: optionalText(FROM_ADDRESS_MAX, FROM_ADDRESS_HELP)
      .refine((value) => value === null || parseFromAddress(value) !== null, FROM_ADDRESS_HELP)
      .transform((value) => {
        const parsed = value === null ? null : parseFromAddress(value);
        return parsed ? formatFromAddress(parsed) : null;
      }),
  })
  .superRefine((form, context) => {
    if (form.smtpHost && !form.fromAddress) {
      context.addIssue({
        code: "custom",
        path: ["fromAddress"],
        message: hint("enter_from_address"),
      });
    }
    if (form.fromAddress && !form.smtpHost) {
      context.addIssue({ code: "custom", path: ["smtpHost"], message: hint("enter_smtp_host") });
    }
  });

export type EmailSettingsInput = z.infer<typeof emailSettingsSchema>;
