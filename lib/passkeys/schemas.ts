import { z } from "zod";
import { PASSKEY_NAME_MAX } from "./limits";

// The passkey forms' fields. The password and code are judged where they are checked
// (lib/two-factor/re-check.ts), so that a malformed one is counted like a wrong one; so is the
// confirmation, a passkey assertion as JSON (docs/rules.md, rule 27).
const typed = z.string().optional();

export const startPasskeyRegistrationSchema = z.object({
  password: typed,
  code: typed,
  confirmation: typed,
});
export const removePasskeySchema = z.object({
  id: z
    .string({ error: "Choose a passkey." })
    .min(1, "Choose a passkey.")
    .max(64, "Choose a passkey."),
  password: typed,
  confirmation: typed,
});
export const renamePasskeySchema = z.object({
  id: removePasskeySchema.shape.id,
  name: z
    .string({ error: "Enter a name for the passkey." })
    .trim()
    .min(1, "Enter a name for the passkey.")
    .max(PASSKEY_NAME_MAX, `Use at most ${PASSKEY_NAME_MAX} characters.`),
});
