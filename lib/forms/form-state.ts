import { z } from "zod";

/** What a server action returns to its form: a message and, per field, what is wrong. */
export type FormState = {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Record<string, string>;
};

export const idleState: FormState = { status: "idle" };

export function errorState(message: string, fieldErrors?: Record<string, string>): FormState {
  return { status: "error", message, fieldErrors };
}

/**
 * Parses a form post against its schema. Anything that is not a real FormData (a forged call to
 * the action with other types) is refused like any other bad input.
 */
export function parseForm<T extends z.ZodType>(
  schema: T,
  formData: unknown,
  fields: readonly string[],
): { ok: true; data: z.infer<T> } | { ok: false; state: FormState } {
  if (!(formData instanceof FormData)) {
    return {
      ok: false,
      state: errorState("The form could not be read. Reload the page and try again."),
    };
  }
  const raw = Object.fromEntries(
    fields.map((field) => {
      const value = formData.get(field);
      return [field, typeof value === "string" ? value : undefined];
    }),
  );
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "form");
    fieldErrors[key] ??= issue.message;
  }
  return { ok: false, state: errorState("Check the highlighted fields.", fieldErrors) };
}
