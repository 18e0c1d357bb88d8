import { Field } from "@/components/ui/field";

/**
 * The recovery-code field, in place of the code field when "Use a recovery code" is chosen.
 * `defaultValue`: what the browser kept of a refused code (never sent back by the server).
 */
export function RecoveryCodeField({
  error,
  id,
  defaultValue,
}: {
  error?: string;
  id: string;
  defaultValue?: string;
}) {
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
      error={error}
    />
  );
}
