import { Field } from "@/components/ui/field";
import type { FieldErrorProps } from "@/lib/forms/form-state";
import { PASSWORD_MAX } from "@/lib/forms/field-limits";

/** The words a current-password field shows, translated by the server (`fieldWords`). */
export type CurrentPasswordFieldWords = { label: string };

/** The current password that enabling or disabling two-factor authentication asks for. */
export function CurrentPasswordField({
  id,
  words,
  ...error
}: FieldErrorProps & { id: string; words: CurrentPasswordFieldWords }) {
  return (
    <Field
      id={id}
      label={words.label}
      name="password"
      type="password"
      autoComplete="current-password"
      required
      maxLength={PASSWORD_MAX}
      {...error}
    />
  );
}
