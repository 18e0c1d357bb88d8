import type { InputHTMLAttributes, ReactNode } from "react";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  error?: string;
  /** The error is the form's alert, by this id: the field points at it rather than repeat it. */
  errorId?: string;
  hint?: string;
};

/**
 * A labelled input whose error is announced and tied to it. A form passes the value it shows as
 * `defaultValue`, which React's reset after an action restores (docs/architecture.md, "How forms
 * keep values").
 */
export function Field({
  label,
  name,
  error,
  errorId: alertId,
  hint,
  id,
  className,
  ...input
}: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const errorId = error ? `${inputId}-error` : alertId;
  const hintId = `${inputId}-hint`;
  const describedBy = [hint ? hintId : null, errorId ?? null].filter(Boolean).join(" ");
  return (
    <div className={className}>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        id={inputId}
        name={name}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-600"
        {...input}
      />
      <FieldError id={`${inputId}-error`} error={error} />
    </div>
  );
}

/** A field's error, under it; the field names it with `aria-describedby`. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="mt-1 text-sm text-red-700">
      {error}
    </p>
  ) : null;
}

type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string;
};

/** A labelled checkbox; `defaultChecked` is what the form shows, as `Field`'s `defaultValue`. */
export function CheckboxField({ label, name, hint, error, id, ...input }: CheckboxFieldProps) {
  const inputId = id ?? `field-${name}`;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="flex items-start gap-3">
      <input
        id={inputId}
        name={name}
        type="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="mt-1 h-5 w-5"
        {...input}
      />
      <div>
        <label htmlFor={inputId} className="font-medium">
          {label}
        </label>
        {hint ? (
          <p id={hintId} className="text-sm text-slate-600">
            {hint}
          </p>
        ) : null}
        <FieldError id={errorId} error={error} />
      </div>
    </div>
  );
}
