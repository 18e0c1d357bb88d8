// A failure kept as text until a surface says it: in a row (the outbox's "Last error") or as the
// message of a zod schema's refusal. The code and its params as JSON, never words, so that it is
// said in the reader's language whenever it is shown (docs/architecture.md, "Failures and their
// words").
import type { Failure, FailureCode, FailureParams } from "./failure";

/**
 * A failure as stored in a row (the outbox's "Last error"), to be said in words by the surface
 * that shows it: its code and params as JSON.
 */
export function storedFailure(failure: Pick<Failure, "code" | "params">): string {
  return JSON.stringify({
    code: failure.code,
    ...(failure.params ? { params: failure.params } : {}),
  });
}

/**
 * The failure a row stored with `storedFailure`; null for anything else (a row written before
 * failures were stored as codes holds its words, which are shown as they are).
 */
export function readStoredFailure(stored: string): Pick<Failure, "code" | "params"> | null {
  if (!stored.startsWith("{")) return null;
  try {
    const value = JSON.parse(stored) as { code?: unknown; params?: unknown };
    if (typeof value.code !== "string") return null;
    const params =
      value.params && typeof value.params === "object"
        ? (value.params as FailureParams)
        : undefined;
    return { code: value.code as FailureCode, ...(params ? { params } : {}) };
  } catch {
    return null;
  }
}

/**
 * The message a zod schema gives a refused field: the failure, stored (`storedFailure`), which
 * the surface that shows it says in words (`sayStoredFailure`): guardedAction for a form, the
 * command line for its options.
 */
export function hint(code: FailureCode, params?: FailureParams): string {
  return storedFailure({ code, ...(params ? { params } : {}) });
}
