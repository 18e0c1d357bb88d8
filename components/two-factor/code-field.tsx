import { Field } from "@/components/ui/field";

/** The 6-digit code field: numeric keyboard, one-time-code autofill, and "123 456" pastes. */
export function CodeField({ error, id }: { error?: string; id: string }) {
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
      error={error}
    />
  );
}
