import { Field } from "@/components/ui/field";
import type { FieldErrorProps } from "@/lib/forms/form-state";

/** The 6-digit code field: numeric keyboard, one-time-code autofill, and "123 456" pastes. */
export function CodeField({ id, ...error }: FieldErrorProps & { id: string }) {
  return (
    <Field
      id={id}
      label="Authentication code"
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
