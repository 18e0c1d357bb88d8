import { Field } from "@/components/ui/field";
import type { FieldErrorProps } from "@/lib/forms/form-state";

/** The words a recovery-code field shows, translated by the server (`fieldWords`). */
export type RecoveryCodeFieldWords = { label: string };

/**
 * The recovery-code field, in place of the code field when "Use a recovery code" is chosen.
 * `defaultValue`: what the browser kept of a refused code (never sent back by the server).
 */
export function RecoveryCodeField({
  id,
  words,
  defaultValue,
  ...error
}: FieldErrorProps & { id: string; words: RecoveryCodeFieldWords; defaultValue?: string }) {
  return (
    <Field
      id={id}
      label={words.label}
      name="recoveryCode"
      autoComplete="off"
      autoCapitalize="none"
      spellCheck={false}
      maxLength={64}
      required
      defaultValue={defaultValue}
      {...error}
    />
  );
}
