import { z } from "zod";

// The two-factor forms' fields. What a valid code or password is, and what to say when one is
// malformed, is decided where it is checked (lib/totp/enrolment.ts, lib/auth/second-step.ts):
// a malformed code at the second step still counts as a wrong attempt (docs/rules.md, rule 4).
const typed = z.string().optional();

export const enableTwoFactorSchema = z.object({ password: typed, code: typed });
export const regenerateRecoveryCodesSchema = z.object({ code: typed });
export const disableTwoFactorSchema = z.object({ password: typed, code: typed });
export const trustedBrowserSchema = z.object({
  id: z.string({ error: "Choose a browser." }).max(64, "Choose a browser."),
});
export const loginCodeSchema = z.object({
  method: typed,
  code: typed,
  recoveryCode: typed,
  trustBrowser: typed,
});
export const noFields = z.object({});
