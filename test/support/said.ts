import type { Failure } from "@/lib/failures/failure";
import { sayFailure } from "@/words/say-failure";

// Tests read a refusal as the person reads it: the failure of a lib/ result in the words the page
// shows in English (words/say-failure.ts), its field beside them, so each assertion states the
// sentence.

type Said<R> = R extends { ok: false; failure: Failure }
  ? Omit<R, "failure"> & { message: string; field?: string }
  : R;

export function said<R>(result: R): Said<R> {
  if (typeof result !== "object" || result === null || !("failure" in result)) {
    return result as Said<R>;
  }
  const { failure, ...rest } = result as { failure: Failure };
  const field = failure.field ? { field: failure.field } : {};
  return { ...rest, ...field, message: sayFailure(failure) } as Said<R>;
}

/** `fn`, with its refusals in words. */
export function saying<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<Said<R>> => said(await fn(...args));
}
