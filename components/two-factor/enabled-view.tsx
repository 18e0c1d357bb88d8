"use client";

import { useState } from "react";
import { useReturnFocus } from "@/components/ui/confirmation-focus";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError } from "@/lib/forms/form-state";
import type { PanelState } from "./actions";
import { CodeField } from "./code-field";
import { ConfirmForm } from "./confirm-form";
import { CurrentPasswordField } from "./current-password-field";
import type { FieldWords } from "./field-words";

export type EnabledViewWords = {
  status: string;
  enabled: string;
  /** How many unused recovery codes are left; `few` when the panel warns about it. */
  codesLeft: { text: string; few: boolean } | null;
  regenerateExplanation: string;
  regenerate: string;
  disableExplanation: string;
  disable: string;
  cancel: string;
};

/** Enrolled: the status, and a button each to regenerate the recovery codes or to disable 2FA. */
export function EnabledView({
  words,
  regenerate,
  regenerateState,
  disable,
  disableState,
  fieldWords,
}: {
  words: EnabledViewWords;
  regenerate: (formData: FormData) => void;
  regenerateState: PanelState;
  disable: (formData: FormData) => void;
  disableState: PanelState;
  fieldWords: FieldWords;
}) {
  const [open, setOpen] = useState<"none" | "regenerate" | "disable">("none");
  const close = () => setOpen("none");
  const opener = useReturnFocus(open === "none" ? null : open);
  return (
    <div className="space-y-4">
      <p>
        {words.status} <strong className="text-green-800">{words.enabled}</strong>
      </p>
      {words.codesLeft?.few ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {words.codesLeft.text}
        </p>
      ) : words.codesLeft ? (
        <p className="text-sm text-slate-700">{words.codesLeft.text}</p>
      ) : null}
      {open === "regenerate" ? (
        <ConfirmForm
          action={regenerate}
          state={regenerateState}
          explanation={words.regenerateExplanation}
          messageId="regenerate-message"
          submit={<SubmitButton>{words.regenerate}</SubmitButton>}
          onCancel={close}
          cancel={words.cancel}
        >
          <CodeField
            id="regenerate-code"
            words={fieldWords.code}
            {...fieldError(regenerateState, "code", "regenerate-message")}
          />
        </ConfirmForm>
      ) : null}
      {open === "disable" ? (
        <ConfirmForm
          action={disable}
          state={disableState}
          explanation={words.disableExplanation}
          messageId="disable-message"
          submit={<SubmitButton variant="danger">{words.disable}</SubmitButton>}
          tone="danger"
          onCancel={close}
          cancel={words.cancel}
        >
          <CurrentPasswordField
            id="disable-password"
            words={fieldWords.currentPassword}
            {...fieldError(disableState, "password", "disable-message")}
          />
          <CodeField
            id="disable-code"
            words={fieldWords.code}
            {...fieldError(disableState, "code", "disable-message")}
          />
        </ConfirmForm>
      ) : null}
      {open === "none" ? (
        <div className="flex flex-wrap gap-2">
          <button
            ref={opener("regenerate")}
            type="button"
            onClick={() => setOpen("regenerate")}
            className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
          >
            {words.regenerate}
          </button>
          <button
            ref={opener("disable")}
            type="button"
            onClick={() => setOpen("disable")}
            className="min-h-11 rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50"
          >
            {words.disable}
          </button>
        </div>
      ) : null}
    </div>
  );
}
