// Step 1 in the browser: what next-auth/react's `signIn("credentials", { redirect: false })`
// does, without its client bundle and without its two extra requests (the provider list before,
// the session after). next-auth checks the CSRF token against its double-submit cookie, which
// `GET /api/auth/csrf` sets.

import { readSignInRefusal, type SignInRefusal } from "@/lib/sign-in/refusal";

export type CredentialsResult =
  /**
   * Signed in (the session cookie is set). `destination`: the page the sign-in goes to next, as
   * the server named it (lib/sign-in/next-auth-route.ts), when it is a page of this origin.
   */
  { ok: true; destination: string | null } | { ok: false; refusal: SignInRefusal };

async function csrfToken(): Promise<string> {
  const response = await fetch("/api/auth/csrf", { cache: "no-store" });
  const body = (await response.json()) as { csrfToken?: unknown };
  if (typeof body.csrfToken !== "string") throw new Error("no CSRF token");
  return body.csrfToken;
}

async function postCredentials(
  provider: "credentials" | "passkey",
  fields: Record<string, string>,
): Promise<URL> {
  const response = await fetch(`/api/auth/callback/${provider}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      ...fields,
      csrfToken: await csrfToken(),
      callbackUrl: window.location.href,
      json: "true",
    }),
  });
  const body = (await response.json()) as { url?: unknown };
  if (typeof body.url !== "string") throw new Error("no answer from the sign-in");
  return new URL(body.url, window.location.href);
}

async function signInWith(
  provider: "credentials" | "passkey",
  fields: Record<string, string>,
): Promise<CredentialsResult> {
  let answer = await postCredentials(provider, fields);
  // A CSRF cookie that expired or was never set: next-auth asks for a retry with a fresh token.
  if (answer.searchParams.get("csrf") === "true") answer = await postCredentials(provider, fields);
  if (answer.searchParams.get("csrf") === "true") {
    return { ok: false, refusal: { code: "sign_in_unavailable" } };
  }
  const error = answer.searchParams.get("error");
  if (error) return { ok: false, refusal: readSignInRefusal(error) };
  const here = answer.origin === window.location.origin && answer.pathname !== "/login";
  return { ok: true, destination: here ? `${answer.pathname}${answer.search}` : null };
}

export const signInWithCredentials = (email: string, password: string) =>
  signInWith("credentials", { email, password });

/** A passkey's signed answer, verified by the app's "passkey" provider (lib/sign-in/next-auth-options.ts). */
export const signInWithPasskeyResponse = (response: unknown) =>
  signInWith("passkey", { response: JSON.stringify(response) });
