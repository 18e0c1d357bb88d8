"use client";

import type { AuthenticationResponseJSON } from "@simplewebauthn/browser";
import { PasskeyButton } from "@/components/passkeys/passkey-button";
import { answerPasskeyPrompt, usePasskeyPrompt } from "@/components/passkeys/use-passkey-prompt";

/**
 * "Use a passkey" on a reset link: options for the link's account (proven by its token), then the
 * browser's answer goes to the reset form, which completes the reset with it (docs/rules.md, 21).
 */
export function ResetPasskey({
  token,
  onResponse,
  label,
}: {
  token: string;
  onResponse: (response: AuthenticationResponseJSON) => void;
  label: string;
}) {
  const { press, pending, error } = usePasskeyPrompt(async () => {
    const answer = await answerPasskeyPrompt("/api/passkeys/reset-options", { token });
    if (!answer.ok) return answer.error;
    onResponse(answer.response);
    return null;
  });

  return <PasskeyButton label={label} onClick={press} pending={pending} error={error} />;
}
