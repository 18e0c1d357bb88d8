import "server-only";
import type { RecheckField } from "./re-check";
import { readCurrentPassword } from "./re-check-refusals";
import { db } from "@/lib/db/client";
import { readTypedCode } from "./typed-code";

// What the account page's two-factor changes (enable, regenerate, disable) share: the shape of
// their answer and the reading of their input before anything is checked or counted.

export type Account = { id: string; email: string };

/** A refusal names the fields its message is about, so that the form can tie it to them. */
export type TwoFactorResult<T = object> =
  ({ ok: true } & T) | { ok: false; message: string; fields: RecheckField[] };

const ENTER_PASSWORD = "Enter your current password.";

export const refused = (message: string, fields: RecheckField[] = []) =>
  ({ ok: false, message, fields }) as const;

/** Well-formed input, or the refusal that says what is missing; nothing is checked or counted. */
export function readRecheckInput(input: { password?: unknown; code?: unknown }) {
  const password = "password" in input ? readCurrentPassword(input.password) : undefined;
  if (password === null) return refused(ENTER_PASSWORD, ["password"]);
  // The one shape check of a typed code (lib/two-factor/typed-code.ts, docs/rules.md rule 31).
  const typed = "code" in input ? readTypedCode("totp", input.code) : undefined;
  if (typed && !typed.ok) return refused(typed.message, ["code"]);
  const code = typed?.code;
  return { ok: true as const, password, code };
}

export const NOT_ON = "Two-factor authentication is not on.";

export async function isEnabled(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  return Boolean(user?.totpEnabledAt);
}
