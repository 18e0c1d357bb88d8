import "server-only";
import { forbidden, redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { RequestContext } from "@/lib/audit/audit";
import { getSession, homeFor } from "@/lib/auth/session";
import { failure, isFailure, type Failure } from "@/lib/failures/failure";
import { failedState, type FormState, type FormValues } from "@/lib/forms/form-state";
import { refusalSayer } from "@/lib/http/refusal-sayer";
import { requestContext } from "@/lib/http/request-context";
import { admission, type Caller, type SessionFor } from "./callers";

export type { Caller } from "./callers";

export type ActionContext<C extends Caller> = {
  session: SessionFor<C>;
  request: RequestContext;
  now: Date;
};

const GUARDED = Symbol.for("appmail.guardedAction");

/** Usable with `useActionState` (previous state, form) and as a plain `<form action>`. */
export type GuardedAction<R> = {
  (formData: FormData): Promise<void>;
  (previous: R, formData: FormData): Promise<R>;
};

/** Anyone whose sign-in does not fit is sent where it belongs, as the pages do. */
async function admit<C extends Caller>(caller: C): Promise<SessionFor<C>> {
  const session = await getSession();
  const verdict = admission(caller, session);
  if (verdict === "signed-out") redirect("/login");
  if (verdict === "wrong-stage") redirect(homeFor(session!));
  if (verdict === "not-admin") forbidden();
  return session as SessionFor<C>;
}

/** The form's text fields that the schema names; files and unnamed fields are dropped. */
function readFields(shape: z.ZodRawShape, formData: FormData) {
  return Object.fromEntries(
    Object.keys(shape).map((name) => {
      const value = formData.get(name);
      return [name, typeof value === "string" ? value : undefined];
    }),
  );
}

/**
 * Fields never sent back to the page, whatever the form: passwords, codes (an authentication code,
 * a recovery code), a passkey's signed answer (`confirmation`, `passkeyResponse`) and anything
 * named like a secret or a token (docs/rules.md, rule 29).
 */
export const SECRET_FIELD = /password|code|secret|token|confirmation|response/i;

/** Longer than any field of the app lets a person type: posted by hand, and not kept. */
const KEPT_MAX = 1_000;

/**
 * What a refused form shows again: every field it posted but the secret ones (docs/architecture.md,
 * "How forms keep values").
 */
export function keptValues(fields: Record<string, string | undefined>): FormValues {
  return Object.fromEntries(
    Object.entries(fields).filter(
      ([name, value]) =>
        value !== undefined && value.length <= KEPT_MAX && !SECRET_FIELD.test(name),
    ),
  );
}

/** A refusal keeps what was typed unless the handler said what the form shows instead. */
function withKeptValues<R extends FormState>(
  state: R,
  fields: Record<string, string | undefined>,
): R {
  return state.status === "error" && state.values === undefined && Object.keys(fields).length > 0
    ? { ...state, values: keptValues(fields) }
    : state;
}

/** The schema's refusal: each field's first hint (a stored failure, said with the rest). */
function invalidFields(error: z.ZodError): FormState {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { ...failedState(failure("check_fields")), fieldErrors };
}

/**
 * The state with its failures in words, in the request's language (docs/architecture.md, "Failures
 * and their words"): `failedState` and the schemas' hints keep them stored until here. Words a
 * handler wrote itself pass as they are. The language is asked for only when there is a failure.
 */
async function inWords<R extends FormState>(state: R): Promise<R> {
  const texts = [state.message, ...Object.values(state.fieldErrors ?? {})];
  if (!texts.some((text) => text?.startsWith("{"))) return state;
  const sayer = await refusalSayer();
  const fieldErrors = state.fieldErrors
    ? Object.fromEntries(
        Object.entries(state.fieldErrors).map(([name, text]) => [name, sayer.sayStored(text)]),
      )
    : undefined;
  return {
    ...state,
    ...(state.message === undefined ? {} : { message: sayer.sayStored(state.message) }),
    ...(fieldErrors ? { fieldErrors } : {}),
  };
}

/**
 * The one way to make a server action: who may call it, the zod schema of its form, and what it
 * does. The result works with `useActionState` (previous state, form) and as a plain
 * `<form action>` (form only). Posts that are not a form, or that the schema refuses, never reach
 * the handler; unexpected errors become a generic message and a log line, never a stack trace.
 * Every refusal carries the posted values but the secret ones (`keptValues`), so the form keeps
 * what was typed; a save returns what is stored itself. A handler that refuses may return the
 * `Failure` of lib/ as it came: it is shown in words (`failedState`), under its field if it names one.
 */
export function guardedAction<C extends Caller, S extends z.ZodObject, R extends FormState>(
  options: { caller: C; input: S },
  handler: (input: z.infer<S>, context: ActionContext<C>) => Promise<R | Failure>,
): GuardedAction<R> {
  const action = async (...args: unknown[]): Promise<R> => inWords(await unsaid(...args));
  const unsaid = async (...args: unknown[]): Promise<R> => {
    const session = await admit(options.caller);
    // React posts a form without fields as no argument at all: only a form with fields must come.
    const hasFields = Object.keys(options.input.shape).length > 0;
    const formData = args.at(-1) instanceof FormData ? (args.at(-1) as FormData) : null;
    if (!formData && hasFields) return failedState(failure("form_unreadable")) as R;
    const fields = formData ? readFields(options.input.shape, formData) : {};
    const parsed = options.input.safeParse(fields);
    if (!parsed.success) return withKeptValues(invalidFields(parsed.error) as R, fields);
    try {
      const state = await handler(parsed.data, {
        session,
        request: await requestContext(),
        now: new Date(),
      });
      return withKeptValues(isFailure(state) ? (failedState(state) as R) : state, fields);
    } catch (error) {
      unstable_rethrow(error);
      console.error(`appmail: an action failed: ${(error as Error)?.name ?? "unknown error"}`);
      return withKeptValues(failedState(failure("unexpected")) as R, fields);
    }
  };
  return Object.assign(action, { [GUARDED]: true }) as unknown as GuardedAction<R>;
}

export function isGuardedAction(value: unknown): boolean {
  return typeof value === "function" && GUARDED in value;
}
