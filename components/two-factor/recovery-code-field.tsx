import { Field } from "@/components/ui/field";
import type { FieldErrorProps } from "@/lib/forms/form-state";

/**
 * The recovery-code field, in place of the code field when "Use a recovery code" is chosen.
 * `defaultValue`: what the browser kept of a refused code (never sent back by the server).
 */
export function RecoveryCodeField({
  id,
  defaultValue,
  ...error
}: FieldErrorProps & { id: string; defaultValue?: string }) {
  return (
    <Field
      id={id}
      label="Recovery code"
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
