"use client";

import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { useState } from "react";
import { postJson, promptFailed } from "./post-json";

// The browser's side of a passkey button on /login, /login/verify and a reset link, and of the
// confirmation of a passkey-only account's change of passkeys: a challenge from a route handler,
// the browser's prompt, and the button's state while that runs.

export type PromptAnswer =
  { ok: true; response: AuthenticationResponseJSON } | { ok: false; error: string };

/** Asks `optionsUrl` for a challenge, then the browser's passkey prompt for an answer to it. */
export async function answerPasskeyPrompt(
  optionsUrl: string,
  body: unknown = {},
): Promise<PromptAnswer> {
  const options = await postJson(optionsUrl, body);
  if (!options.ok) return options;
  try {
    const optionsJSON = options.data as unknown as PublicKeyCredentialRequestOptionsJSON;
    // Loaded at the first press, not with the page: most people at a second step never press it.
    const { startAuthentication } = await import("@simplewebauthn/browser");
    return { ok: true, response: await startAuthentication({ optionsJSON }) };
  } catch {
    return { ok: false, error: promptFailed() };
  }
}

/**
 * A passkey button's state: `run` does the work of a press and returns what to say if it failed
 * (null if it did not); a press while one runs does nothing.
 */
export function usePasskeyPrompt(run: () => Promise<string | null>) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function press() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      setError(await run());
    } finally {
      setPending(false);
    }
  }

  return { press, pending, error, setError };
}
