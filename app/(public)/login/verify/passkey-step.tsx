"use client";

import {
  startAuthentication,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PasskeyButton } from "@/components/passkeys/passkey-button";
import { postJson, PROMPT_FAILED } from "@/components/passkeys/post-json";

/** Step 2 with one of the account's passkeys instead of a code. */
export function PasskeyStep() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function verifyWithPasskey() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const options = await postJson("/api/passkeys/second-step/options");
      if (!options.ok) return setError(options.error);
      let response;
      try {
        response = await startAuthentication({
          optionsJSON: options.data as unknown as PublicKeyCredentialRequestOptionsJSON,
        });
      } catch {
        return setError(PROMPT_FAILED);
      }
      const done = await postJson("/api/passkeys/second-step", { response });
      if (!done.ok) return setError(done.error);
      router.replace(String(done.data.redirect));
    } finally {
      setPending(false);
    }
  }

  return (
    <PasskeyButton
      label="Use a passkey"
      onClick={verifyWithPasskey}
      pending={pending}
      error={error}
    />
  );
}
