import { Field } from "@/components/ui/field";
import type { FieldErrorProps } from "@/lib/forms/form-state";
import { PASSWORD_MAX } from "@/lib/forms/field-limits";

/** The current password that enabling or disabling two-factor authentication asks for. */
export function CurrentPasswordField({ id, ...error }: FieldErrorProps & { id: string }) {
  return (
    <Field
      id={id}
      label="Current password"
      name="password"
      type="password"
      autoComplete="current-password"
      required
      maxLength={PASSWORD_MAX}
      {...error}
    />
  );
}
