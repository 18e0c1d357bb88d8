import { z } from "zod";
import { emailField, newPasswordField } from "@/lib/users/schemas";

// The two password-reset forms (docs/rules.md, rule 21). The token is checked where it is looked
// up (tokens.ts): any malformed token gets the same answer as an unknown one. A malformed code
// still counts as a wrong one (rule 4), so code fields are only typed here.
const typed = z.string().optional();

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z.object({
  token: typed,
  newPassword: newPasswordField,
  method: typed,
  code: typed,
  recoveryCode: typed,
  // The browser's answer to a passkey prompt (method "passkey"), read strictly by lib/passkeys.
  passkeyResponse: typed,
});
