"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

// The app's step 1 in the browser: the CSRF token, the credentials POST, then step 2's page.
async function signIn(email: string, password: string): Promise<boolean> {
  const csrf = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as {
    csrfToken: string;
  };
  const response = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, json: "true" }),
  });
  const { url } = (await response.json()) as { url: string };
  return !new URL(url, window.location.href).searchParams.has("error");
}

export function LoginForm() {
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();

  // The app's passkey autofill asks for a prompt's options once the page is up.
  useEffect(() => {
    void fetch("/api/passkeys/sign-in-options", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
      cache: "no-store",
    });
  }, []);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (await signIn(String(form.get("email")), String(form.get("password")))) {
      router.replace("/login/verify");
    } else {
      setError("Invalid email or password");
    }
  }

  return (
    <form onSubmit={submit} method="post" noValidate>
      <div aria-live="assertive">{error ? <p role="alert">{error}</p> : null}</div>
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="username" required />
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" required />
      <button type="submit">Sign in</button>
    </form>
  );
}
