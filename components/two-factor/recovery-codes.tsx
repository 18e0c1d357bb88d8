"use client";

import { useState } from "react";
import { fillIn } from "@/lib/format/fill-in";
import {
  recoveryCodesFileName,
  recoveryCodesText,
  sheetDate,
  type RecoveryCodesSheet,
} from "@/lib/two-factor/recovery-codes-file";

export type RecoveryCodesWords = {
  heading: string;
  intro: string;
  list: string;
  download: string;
  copy: string;
  print: string;
  saved: string;
  done: string;
  copied: string;
  sheet: RecoveryCodesSheet;
};

/**
 * Shown once, right after enabling or regenerating: the codes, to download, copy or print, under
 * lines that say which instance and account they are for and when they were made. "Done" waits for
 * "I have saved these recovery codes", so nobody leaves them unsaved by a stray click. Printing
 * shows only the codes, the account and the date (`data-print-codes`, app/globals.css).
 */
export function RecoveryCodes({
  codes,
  words,
  onDone,
}: {
  codes: string[];
  words: RecoveryCodesWords;
  onDone: () => void;
}) {
  const { sheet } = words;
  const [copied, setCopied] = useState(false);
  const [saved, setSaved] = useState(false);
  // Shown as the action returns them: the moment they were made, to the minute.
  const [generatedAt] = useState(() => new Date());
  const text = () => recoveryCodesText(codes, sheet, generatedAt, window.location.origin);

  function download() {
    const url = URL.createObjectURL(new Blob([text()], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = recoveryCodesFileName(sheet.instance);
    link.click();
    URL.revokeObjectURL(url);
  }

  async function copy() {
    await navigator.clipboard?.writeText(text()).catch(() => undefined);
    setCopied(true);
  }

  return (
    <div className="space-y-4">
      <h3 className="font-semibold">{words.heading}</h3>
      <p className="text-sm text-slate-700" role="status">
        {words.intro}
      </p>
      <div data-print-codes className="space-y-2">
        <p className="hidden print:block">
          {fillIn(sheet.printed, { date: sheetDate(sheet, generatedAt) })}
        </p>
        <ul className="grid grid-cols-2 gap-2 font-mono text-base" aria-label={words.list}>
          {codes.map((code) => (
            <li key={code} className="rounded bg-slate-100 px-2 py-1">
              {code}
            </li>
          ))}
        </ul>
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={download}
          className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
        >
          {words.download}
        </button>
        <button
          type="button"
          onClick={copy}
          className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
        >
          {words.copy}
        </button>
        <button
          type="button"
          onClick={() => window.print()}
          className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
        >
          {words.print}
        </button>
      </div>
      <div className="flex min-h-11 items-center gap-2">
        <input
          id="recovery-codes-saved"
          type="checkbox"
          checked={saved}
          onChange={(event) => setSaved(event.target.checked)}
          className="size-5"
        />
        <label htmlFor="recovery-codes-saved">{words.saved}</label>
      </div>
      <button
        type="button"
        onClick={onDone}
        disabled={!saved}
        className="min-h-11 rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {words.done}
      </button>
      <p aria-live="polite" className="text-sm text-green-800">
        {copied ? words.copied : ""}
      </p>
    </div>
  );
}
