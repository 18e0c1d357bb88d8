import type { Failure } from "@/lib/failures/failure";
import { storedFailure } from "@/lib/failures/stored-failure";

/**
 * What the form shows in its fields, by field name (docs/architecture.md, "How forms keep
 * values"): after a refusal what was typed, after a save what is stored. A checkbox is "on" when
 * ticked and absent when not. Passwords and codes are never here.
 */
export type FormValues = { [name: string]: string | undefined };

/** What a server action returns to its form: a message, per field what is wrong, and its values. */
export type FormState = {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: FormValues;
};

export const idleState: FormState = { status: "idle" };

export function errorState(message: string, fieldErrors?: Record<string, string>): FormState {
  return { status: "error", message, fieldErrors };
}

/**
 * A refusal as its form shows it: the failure, also under its field when it names one (and under
 * each of `fields`, when one refusal is about several). It is kept as a stored failure until
 * `guardedAction`, which every action goes through, says it in the request's language
 * (docs/architecture.md, "Failures and their words"), so this module loads no catalogue and the
 * forms that import it stay light.
 */
export function failedState(failure: Failure, fields: readonly string[] = []): FormState {
  const message = storedFailure(failure);
  const named = failure.field ? [failure.field, ...fields] : fields;
  const fieldErrors = named.length
    ? Object.fromEntries(named.map((name) => [name, message]))
    : undefined;
  return errorState(message, fieldErrors);
}

/**
 * The values a form renders: those its last action returned, else those the page read. Every
 * field is then rendered with `defaultValue` (or `defaultChecked`) from these, which React's reset
 * after an action restores (components/ui/field.tsx keys each input by it).
 */
export function shownValues(state: FormState, stored: FormValues = {}): FormValues {
  return state.values ?? stored;
}

/** A checkbox's value in `FormValues`. */
export const ticked = (on: boolean): string | undefined => (on ? "on" : undefined);

/** Where a field's error is: its own text under it (`error`), or the form's alert (`errorId`). */
export type FieldErrorProps = { error?: string; errorId?: string };

/**
 * A field's part of a refusal. A message that is the form's own (one wrong password-or-code,
 * refused for two fields) is written and announced once, in the form's alert (`messageId`); the
 * field is marked invalid and described by that alert instead of repeating it (docs/rules.md,
 * rule 16). A message of the field's own is written under the field.
 */
export function fieldError(state: FormState, name: string, messageId: string): FieldErrorProps {
  const error = state.fieldErrors?.[name];
  if (!error) return {};
  return error === state.message ? { errorId: messageId } : { error };
}
