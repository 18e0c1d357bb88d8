import { Field } from "@/components/ui/field";
import type { FieldErrorProps } from "@/lib/forms/form-state";

/** The words a code field shows, translated by the server component above it (`fieldWords`). */
export type CodeFieldWords = { label: string };

/** The 6-digit code field: numeric keyboard, one-time-code autofill, and "123 456" pastes. */
export function CodeField({
  id,
  words,
  ...error
}: FieldErrorProps & { id: string; words: CodeFieldWords }) {
  return (
    <Field
      id={id}
      label={words.label}
      name="code"
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={16}
      required
      {...error}
    />
  );
}
