import { z } from "zod";
import { hint } from "@/lib/failures/stored-failure";
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
    .string({ error: hint("choose_passkey") })
    .min(1, hint("choose_passkey"))
    .max(64, hint("choose_passkey")),
  password: typed,
  confirmation: typed,
});
export const renamePasskeySchema = z.object({
  id: removePasskeySchema.shape.id,
  name: z
    .string({ error: hint("enter_passkey_name") })
    .trim()
    .min(1, hint("enter_passkey_name"))
    .max(PASSKEY_NAME_MAX, hint("too_long", { max: PASSKEY_NAME_MAX })),
});
