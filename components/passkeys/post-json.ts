// The browser's side of the passkey route handlers (app/api/passkeys/…): JSON in, JSON out.

import { clientWord } from "@/components/ui/client-word";
export type JsonAnswer = { ok: true; data: Record<string, unknown> } | { ok: false; error: string };

export async function postJson(url: string, body: unknown = {}): Promise<JsonAnswer> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      cache: "no-store",
    });
    const data = (await response.json()) as Record<string, unknown>;
    if (response.ok) return { ok: true, data };
    return {
      ok: false,
      error: typeof data.error === "string" ? data.error : clientWord("unexpected"),
    };
  } catch {
    return { ok: false, error: clientWord("unexpected") };
  }
}

/** Where the prompt that confirms a passkey-only account's change gets its options (rule 27). */
export const CONFIRMATION_OPTIONS = "/api/passkeys/confirmation-options";

/** What to say when the browser's passkey prompt was closed or failed, in the page's language. */
export const promptFailed = () => clientWord("promptFailed");
