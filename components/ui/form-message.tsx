import type { FormState } from "@/lib/forms/form-state";

/** The form's overall result: errors are alerts, successes polite status messages. */
export function FormMessage({ state }: { state: FormState }) {
  if (state.status === "idle" || !state.message) return null;
  if (state.status === "error") {
    return (
      <p
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
