"use client";

import {
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { PasskeyButton } from "@/components/passkeys/passkey-button";
import { postJson, PROMPT_FAILED } from "@/components/passkeys/post-json";
import { signInWithPasskeyResponse } from "./credentials-sign-in";

const REFUSED = "That passkey could not be used. Try again, or sign in with your password.";

async function options() {
  const answer = await postJson("/api/passkeys/sign-in-options");
  if (!answer.ok) throw new Error(answer.error);
  return answer.data as unknown as PublicKeyCredentialRequestOptionsJSON;
}

/**
 * "Sign in with a passkey", and the same offered in the Email field's autofill (conditional
 * mediation): a discoverable credential with user verification, no password and no code.
 */
export function PasskeySignIn() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function finish(response: unknown) {
    const result = await signInWithPasskeyResponse(response);
    if (result.ok) router.replace("/");
    else setError(REFUSED);
  }

  useEffect(() => {
    let stopped = false;
    void (async () => {
      if (!(await browserSupportsWebAuthnAutofill())) return;
      const response = await startAuthentication({
        optionsJSON: await options(),
        useBrowserAutofill: true,
      });
      if (!stopped) await finish(response);
    })().catch(() => undefined); // Cancelled by the button, or no autofill: nothing to say.
    return () => {
      stopped = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per page
  }, []);

  async function signIn() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      let response;
      try {
        response = await startAuthentication({ optionsJSON: await options() });
      } catch {
        return setError(PROMPT_FAILED);
      }
      await finish(response);
    } finally {
      setPending(false);
    }
  }

  return (
    <PasskeyButton
      label="Sign in with a passkey"
      onClick={signIn}
      pending={pending}
      error={error}
    />
  );
}
