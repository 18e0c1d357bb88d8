import { PASSWORD_MAX } from "@/lib/forms/field-limits";

// How a re-check (./re-check.ts) reads a typed password.

/** A typed current password, or null when the input cannot be one (it is then never checked). */
export function readCurrentPassword(input: unknown): string | null {
  if (typeof input !== "string" || !input || input.length > PASSWORD_MAX * 4) return null;
  return input;
}
