"use client";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { PasskeyAddressWords } from "@/components/passkeys/passkey-address";
import { PasskeyButton } from "@/components/passkeys/passkey-button";
import { postJson } from "@/components/passkeys/post-json";
import { answerPasskeyPrompt, usePasskeyPrompt } from "@/components/passkeys/use-passkey-prompt";
import { withReturnPath } from "@/lib/auth/return-path";
import { signInWithPasskeyResponse } from "./credentials-sign-in";

const OPTIONS_URL = "/api/passkeys/sign-in-options";

/**
 * "Sign in with a passkey", and the same offered in the Email field's autofill (conditional
 * mediation): a discoverable credential with user verification, no password and no code.
 */
export function PasskeySignIn({
  next,
  origin,
  words,
  addressWords,
}: {
  next: string | null;
  origin: string;
  /** The button, and what it says when the sign-in refused the passkey, in the page's language. */
  words: { label: string; refused: string };
  addressWords: PasskeyAddressWords;
}) {
  const router = useRouter();

  /** Signs in with the browser's answer; what to say if that was refused. */
  async function finish(response: unknown): Promise<string | null> {
    const result = await signInWithPasskeyResponse(response);
    if (!result.ok) return words.refused;
    // The home page sends the sign-in to the page first asked for, checked against its role.
    router.replace(withReturnPath("/", next));
    return null;
  }

  const { press, pending, error, setError } = usePasskeyPrompt(async () => {
    const answer = await answerPasskeyPrompt(OPTIONS_URL);
    return answer.ok ? finish(answer.response) : answer.error;
  });

  useEffect(() => {
    let stopped = false;
    void (async () => {
      // Loaded after the page is up, not with it: the form works before and without it.
      const { browserSupportsWebAuthnAutofill, startAuthentication } =
        await import("@simplewebauthn/browser");
      if (window.location.origin !== origin) return; // Said beside the button instead.
      if (!(await browserSupportsWebAuthnAutofill())) return;
      const options = await postJson(OPTIONS_URL);
      if (!options.ok) return;
      const response = await startAuthentication({
        optionsJSON: options.data as unknown as PublicKeyCredentialRequestOptionsJSON,
        useBrowserAutofill: true,
      });
      if (!stopped) setError(await finish(response));
    })().catch(() => undefined); // Cancelled by the button, or no autofill: nothing to say.
    return () => {
      stopped = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per page
  }, []);

  return (
    <PasskeyButton
      label={words.label}
      onClick={press}
      pending={pending}
      error={error}
      origin={origin}
      addressWords={addressWords}
    />
  );
}
