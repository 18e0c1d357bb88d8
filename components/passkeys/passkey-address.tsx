"use client";

import { useSyncExternalStore } from "react";

// Passkeys work only at the relying party's origin, NEXTAUTH_URL's (docs/rules.md, rule 18). A
// page opened at another address (http://127.0.0.1:3000 for http://localhost:3000) says so before
// any prompt opens, instead of a prompt that fails with no reason given.

const noChange = () => () => undefined;

/** True once the page knows it was opened at another origin than `origin`. */
export function useWrongPasskeyAddress(origin: string): boolean {
  return useSyncExternalStore(
    noChange,
    () => window.location.origin !== origin,
    // The server renders the page for the right address; the browser corrects it after hydration.
    () => false,
  );
}

/** "Passkeys work at <origin>, …" and "Open <origin>", in the page's language. */
export type PasskeyAddressWords = { worksAt: string; open: string };

/** "Passkeys work at <origin>, the address this server is configured for.", with a link there. */
export function PasskeyAddressNotice({
  origin,
  id,
  words,
}: {
  origin: string;
  id?: string;
  words: PasskeyAddressWords;
}) {
  return (
    <p
      id={id}
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      {words.worksAt}{" "}
      <a href={origin} className="font-medium underline">
        {words.open}
      </a>
    </p>
  );
}
