"use client";

import {
  startAuthentication,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { useState } from "react";
import { PasskeyButton } from "@/components/passkeys/passkey-button";
import { postJson, PROMPT_FAILED } from "@/components/passkeys/post-json";

/**
 * "Use a passkey" on a reset link: options for the link's account (proven by its token), then the
 * browser's answer goes to the reset form, which completes the reset with it (docs/rules.md, 21).
 */
export function ResetPasskey({
  token,
  onResponse,
}: {
  token: string;
  onResponse: (response: AuthenticationResponseJSON) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function usePasskey() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const options = await postJson("/api/passkeys/reset-options", { token });
      if (!options.ok) return setError(options.error);
      try {
        const optionsJSON = options.data as unknown as PublicKeyCredentialRequestOptionsJSON;
        onResponse(await startAuthentication({ optionsJSON }));
      } catch {
        setError(PROMPT_FAILED);
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <PasskeyButton label="Use a passkey" onClick={usePasskey} pending={pending} error={error} />
  );
}
