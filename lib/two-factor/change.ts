import "server-only";
import { failure, type Failure, type FailureCode } from "@/lib/failures/failure";
import type { RecheckField } from "./re-check";
import { readCurrentPassword } from "./current-password";
import { db } from "@/lib/db/client";
import { readTypedCode } from "./typed-code";

// What the account page's two-factor changes (enable, regenerate, disable) share: the shape of
// their answer and the reading of their input before anything is checked or counted.

export type Account = { id: string; email: string };

/** A refusal names the fields it is about, so that the form can tie it to them. */
export type TwoFactorResult<T = object> =
  ({ ok: true } & T) | { ok: false; failure: Failure; fields: RecheckField[] };

export const refused = (reason: FailureCode | Failure, fields: RecheckField[] = []) =>
  ({ ok: false, failure: typeof reason === "string" ? failure(reason) : reason, fields }) as const;

/** Well-formed input, or the refusal that says what is missing; nothing is checked or counted. */
export function readRecheckInput(input: { password?: unknown; code?: unknown }) {
  const password = "password" in input ? readCurrentPassword(input.password) : undefined;
  if (password === null) return refused("enter_password", ["password"]);
  // The one shape check of a typed code (lib/two-factor/typed-code.ts, docs/rules.md rule 31).
  const typed = "code" in input ? readTypedCode("totp", input.code) : undefined;
  if (typed && !typed.ok) return refused(typed.failure, ["code"]);
  const code = typed?.code;
  return { ok: true as const, password, code };
}

export async function isEnabled(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  return Boolean(user?.totpEnabledAt);
}
