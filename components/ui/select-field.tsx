import type { SelectHTMLAttributes } from "react";
import { FieldError } from "./field";

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  options: readonly (readonly [value: string, label: string])[];
  error?: string;
  /** The error is the form's alert, by this id, as `Field`'s `errorId`. */
  errorId?: string;
};

/**
 * A labelled select whose error is announced and tied to it, like `Field`. Keyed by its
 * `defaultValue`: React never moves a mounted select's default option (an input's default it
 * updates), so its reset after an action would bring back the option the page was first rendered
 * with; a new value mounts the select anew instead (docs/architecture.md, "How forms keep values").
 */
export function SelectField({
  label,
  name,
  options,
  error,
  errorId: alertId,
  id,
  ...select
}: SelectFieldProps) {
  const selectId = id ?? `field-${name}`;
  const errorId = error ? `${selectId}-error` : alertId;
  return (
    <div>
      <label htmlFor={selectId} className="block text-sm font-medium">
        {label}
      </label>
      <select
        key={select.defaultValue === undefined ? undefined : String(select.defaultValue)}
        id={selectId}
        name={name}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
        {...select}
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <FieldError id={`${selectId}-error`} error={error} />
    </div>
  );
}
