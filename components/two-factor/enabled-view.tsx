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

/** At or below this many unused recovery codes, the panel warns (PRODUCT.md, "Account protection"). */
const FEW_RECOVERY_CODES = 2;

/** Enrolled: the status, and a button each to regenerate the recovery codes or to disable 2FA. */
export function EnabledView({
  recoveryCodesLeft,
  regenerate,
  regenerateState,
  disable,
  disableState,
  fieldWords,
}: {
  recoveryCodesLeft: number | null;
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
        Status: <strong className="text-green-800">Enabled</strong>
      </p>
      {recoveryCodesLeft !== null && recoveryCodesLeft <= FEW_RECOVERY_CODES ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Only {recoveryCodesLeft} recovery code{recoveryCodesLeft === 1 ? "" : "s"} left. Make new
          ones with &ldquo;Regenerate recovery codes&rdquo; before you run out.
        </p>
      ) : recoveryCodesLeft !== null ? (
        <p className="text-sm text-slate-700">
          {recoveryCodesLeft} unused recovery code{recoveryCodesLeft === 1 ? "" : "s"}.
        </p>
      ) : null}
      {open === "regenerate" ? (
        <ConfirmForm
          action={regenerate}
          state={regenerateState}
          explanation="New codes replace all of your current recovery codes. Confirm with a current code."
          messageId="regenerate-message"
          submit={<SubmitButton>Regenerate recovery codes</SubmitButton>}
          onCancel={close}
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
          explanation="Confirm with your current password and a current code from your app."
          messageId="disable-message"
          submit={<SubmitButton variant="danger">Disable two-factor authentication</SubmitButton>}
          tone="danger"
          onCancel={close}
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
            Regenerate recovery codes
          </button>
          <button
            ref={opener("disable")}
            type="button"
            onClick={() => setOpen("disable")}
            className="min-h-11 rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50"
          >
            Disable two-factor authentication
          </button>
        </div>
      ) : null}
    </div>
  );
}
