"use client";

import { useRouter } from "next/navigation";
import { PasskeyButton } from "@/components/passkeys/passkey-button";
import { postJson } from "@/components/passkeys/post-json";
import { answerPasskeyPrompt, usePasskeyPrompt } from "@/components/passkeys/use-passkey-prompt";

/** Step 2 with one of the account's passkeys instead of a code. */
export function PasskeyStep({ next, label }: { next: string | null; label: string }) {
  const router = useRouter();
  const { press, pending, error } = usePasskeyPrompt(async () => {
    const answer = await answerPasskeyPrompt("/api/passkeys/second-step/options");
    if (!answer.ok) return answer.error;
    const done = await postJson("/api/passkeys/second-step", { response: answer.response, next });
    if (!done.ok) return done.error;
    router.replace(String(done.data.redirect));
    return null;
  });

  return <PasskeyButton label={label} onClick={press} pending={pending} error={error} />;
}
