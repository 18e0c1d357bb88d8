"use client";

import { Fragment, useState } from "react";

/**
 * The setup key as text, whole and wrapping between its groups of four, so that a phone shows all
 * of it (docs/rules.md, rule 16), with "Copy setup key" for the phone that holds the app.
 */
export type SetupKeyWords = { label: string; copy: string; copied: string; copyFailed: string };

export function SetupKey({ setupKey, words }: { setupKey: string; words: SetupKeyWords }) {
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  const groups = setupKey.split(" ");

  async function copy() {
    try {
      // Apps take the key without the spaces that only make it readable.
      await navigator.clipboard.writeText(groups.join(""));
      setCopied("yes");
    } catch {
      // No clipboard (a page not served over HTTPS) or no permission.
      setCopied("failed");
    }
  }

  return (
    <div className="space-y-2">
      <p id="setup-key-label" className="text-sm font-medium">
        {words.label}
      </p>
      <div
        role="group"
        aria-labelledby="setup-key-label"
        className="rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-base tracking-wide break-words select-all"
      >
        {groups.map((group, index) => (
          <Fragment key={index}>
            {index > 0 ? " " : null}
            <span className="whitespace-nowrap">{group}</span>
          </Fragment>
        ))}
      </div>
      <button
        type="button"
        onClick={copy}
        className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
      >
        {words.copy}
      </button>
      <p aria-live="polite" className="text-sm text-green-800">
        {copied === "yes" ? words.copied : null}
        {copied === "failed" ? words.copyFailed : null}
      </p>
    </div>
  );
}
