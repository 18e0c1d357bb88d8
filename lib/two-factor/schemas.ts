import { z } from "zod";
import { hint } from "@/lib/failures/stored-failure";

// The two-factor forms' fields. What a valid code is, and what to say when one is malformed, is
// decided once, in lib/two-factor/typed-code.ts, before anything is counted: a malformed code is a
// typo, not a guess (docs/rules.md, rule 31).
const typed = z.string().optional();

export const enableTwoFactorSchema = z.object({ password: typed, code: typed });
export const regenerateRecoveryCodesSchema = z.object({ code: typed });
export const disableTwoFactorSchema = z.object({ password: typed, code: typed });
export const trustedBrowserSchema = z.object({
  id: z.string({ error: hint("choose_browser") }).max(64, hint("choose_browser")),
});
export const loginCodeSchema = z.object({
  method: typed,
  code: typed,
  recoveryCode: typed,
  trustBrowser: typed,
  /** The page first asked for (docs/rules.md, rule 30), checked where the sign-in ends. */
  next: typed,
});
/** "Done" after a policy enrolment's recovery codes: the page first asked for, if any. */
export const finishEnrolmentSchema = z.object({ next: typed });
export const noFields = z.object({});
