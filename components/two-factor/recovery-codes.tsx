"use client";

import { useState } from "react";
import {
  recoveryCodesFileName,
  recoveryCodesText,
  type RecoveryCodesOwner,
} from "@/lib/two-factor/recovery-codes-file";

/**
 * Shown once, right after enabling or regenerating: the codes, to download or copy, under lines
 * that say which instance and account they are for and when they were made.
 */
export function RecoveryCodes({
  codes,
  owner,
  onDone,
}: {
  codes: string[];
  owner: RecoveryCodesOwner;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  // Shown as the action returns them: the moment they were made, to the minute.
  const [generatedAt] = useState(() => new Date());
  const text = () => recoveryCodesText(codes, owner, generatedAt, window.location.origin);

  function download() {
    const url = URL.createObjectURL(new Blob([text()], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = recoveryCodesFileName(owner.instance);
    link.click();
    URL.revokeObjectURL(url);
  }

  async function copy() {
    await navigator.clipboard?.writeText(text()).catch(() => undefined);
    setCopied(true);
  }

  return (
    <div className="space-y-4">
      <h3 className="font-semibold">Recovery codes</h3>
      <p className="text-sm text-slate-700" role="status">
        Save these 10 codes somewhere safe. Each works once if you lose your authenticator app. They
        will not be shown again.
      </p>
      <ul className="grid grid-cols-2 gap-2 font-mono text-base" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code} className="rounded bg-slate-100 px-2 py-1">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={download}
          className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
        >
          Download
        </button>
        <button
          type="button"
          onClick={copy}
          className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
        >
          Copy
        </button>
        <button
          type="button"
          onClick={onDone}
          className="min-h-11 rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800"
        >
          Done
        </button>
      </div>
      <p aria-live="polite" className="text-sm text-green-800">
        {copied ? "Copied to the clipboard." : ""}
      </p>
    </div>
  );
}
