import type { FormState } from "@/lib/forms/form-state";

/**
 * The form's overall result: errors are alerts, successes polite status messages. `id`: the
 * alert's id, which the fields it is about point at (`fieldError` in lib/forms/form-state.ts).
 */
export function FormMessage({ state, id }: { state: FormState; id?: string }) {
  if (state.status === "idle" || !state.message) return null;
  if (state.status === "error") {
    return (
      <p
        id={id}
        role="alert"
        className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
      >
        {state.message}
      </p>
    );
  }
  return (
    <p
      role="status"
      className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800"
    >
      {state.message}
    </p>
  );
}
