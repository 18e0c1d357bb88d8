import { Field } from "@/components/ui/field";

/** The recovery-code field, in place of the code field when "Use a recovery code" is chosen. */
export function RecoveryCodeField({ error, id }: { error?: string; id: string }) {
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
      error={error}
    />
  );
}
