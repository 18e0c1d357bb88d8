import "server-only";
import { failure, type Failure } from "@/lib/failures/failure";
import { normalizeCode } from "./totp";
import { normalizeRecoveryCode } from "./recovery-codes";

// The shape of a typed code, checked once for every place a code is typed: step 2, the reset
// link, the account page's re-checks. A code of the wrong shape is a typo, not a guess
// (docs/rules.md, rule 31): it is refused with what to type before any attempt is reserved, so it
// counts toward no limit and writes no audit event.

export type TypedCodeMethod = "totp" | "recovery";

export type TypedCode =
  { ok: true; method: TypedCodeMethod; code: string } | { ok: false; failure: Failure };

/** The canonical code (six digits, or a recovery code's ten characters), or what to type. */
export function readTypedCode(method: TypedCodeMethod, input: unknown): TypedCode {
  const code = method === "recovery" ? normalizeRecoveryCode(input) : normalizeCode(input);
  if (code === null) {
    return {
      ok: false,
      failure: failure(method === "recovery" ? "enter_recovery_code" : "enter_code"),
    };
  }
  return { ok: true, method, code };
}
