import { PASSWORD_MAX } from "@/lib/forms/field-limits";

// What a re-check (./re-check.ts) answers when it refuses, and how it reads a typed password.

export const WRONG_PASSWORD = "Your current password is incorrect.";
export const WRONG_PASSWORD_OR_CODE = "Your password or code is not valid.";
export const WRONG_PASSWORD_OR_PASSKEY = "Your password or passkey confirmation is not valid.";
export const PASSKEY_CONFIRMATION_MISSING = "Confirm this change with one of your passkeys.";

/** A typed current password, or null when the input cannot be one (it is then never checked). */
export function readCurrentPassword(input: unknown): string | null {
  if (typeof input !== "string" || !input || input.length > PASSWORD_MAX * 4) return null;
  return input;
}

export function tooManyPasswordsNotice(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
