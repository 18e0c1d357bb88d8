"use client";

import {
  startAuthentication,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState } from "react";
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
    <div className="space-y-3">
      <div aria-live="assertive">
        {error ? (
          <p
            role="alert"
            className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {error}
          </p>
        ) : null}
      </div>
      <button
        type="button"
        onClick={verifyWithPasskey}
        aria-disabled={pending}
        className="inline-flex min-h-11 w-full items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold shadow-sm hover:bg-slate-100 aria-disabled:opacity-70"
      >
        Use a passkey
      </button>
    </div>
  );
}
