"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFocusOnLoad } from "@/components/ui/confirmation-focus";
import { Field } from "@/components/ui/field";
import { withReturnPath } from "@/lib/auth/return-path";
import { sayRefusal, type SignInRefusalWords } from "@/lib/sign-in/refusal";
import { signInWithCredentials } from "./credentials-sign-in";

/** The form's words, in the page's language (the `login` catalogue). */
export type LoginFormWords = { email: string; password: string; submit: string; missing: string };

/**
 * `next`: the page first asked for, carried to the second step (docs/rules.md, rule 30).
 * `refusals`: the words of step 1's refusals in the page's language (lib/sign-in/refusal.ts).
 */
export function LoginForm({
  notice,
  passkeys,
  next,
  words,
  refusals,
}: {
  notice?: string;
  passkeys: boolean;
  next: string | null;
  words: LoginFormWords;
  refusals: SignInRefusalWords;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const router = useRouter();
  useFocusOnLoad("field-email");

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    if (!email.trim() || !password) {
      setError(words.missing);
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signInWithCredentials(email, password);
      if (result.ok) {
        // Straight where the server says the sign-in goes next (the second step, enrolment, the
        // dashboard or the page first asked for), so a sign-in without a second step never
        // renders /login/verify on the way. Without that answer, the second step's page sends
        // any other sign-in on (requireStage in lib/auth/session.ts).
        router.replace(result.destination ?? withReturnPath("/login/verify", next));
        return;
      }
      setError(sayRefusal(result.refusal, refusals));
    } catch {
      setError(refusals.unavailable);
    }
    setPending(false);
  }

  return (
    <form onSubmit={submit} method="post" className="space-y-4" noValidate>
      {notice && !error ? (
        <p
          role="status"
          className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800"
        >
          {notice}
        </p>
      ) : null}
      <div aria-live="assertive">
        {error ? (
          <p
            role="alert"
            id="login-error"
            className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {error}
          </p>
        ) : null}
      </div>
      <Field
        label={words.email}
        name="email"
        type="email"
        autoComplete={passkeys ? "username webauthn" : "username"}
        required
        maxLength={320}
        aria-describedby={error ? "login-error" : undefined}
        aria-invalid={error ? true : undefined}
      />
      <Field
        label={words.password}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        maxLength={1024}
        aria-describedby={error ? "login-error" : undefined}
        aria-invalid={error ? true : undefined}
      />
      <button
        type="submit"
        aria-disabled={pending}
        className="inline-flex min-h-11 w-full items-center justify-center rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-800 aria-disabled:opacity-70"
      >
        {words.submit}
      </button>
    </form>
  );
}
