"use client";

import { useActionState, useRef, useState } from "react";
import { closeOnEscape, useFocusOnOpen, useReturnFocus } from "@/components/ui/confirmation-focus";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, type FormState } from "@/lib/forms/form-state";
import { unlockAccountAction } from "./actions";

/** The id of the page's "Locked out" heading (page.tsx). */
const LOCKED_OUT_HEADING = "locked-out-heading";

/**
 * "Unlock <email>", confirmed in place as the users list's buttons are (docs/architecture.md,
 * "Confirmations and focus"): focus moves to the confirm button, Escape or Cancel closes it and
 * focus returns to the button that opened it.
 */
export type UnlockWords = Record<"unlock" | "question" | "cancel", string>;

export function UnlockAccount({ userId, words }: { userId: string; words: UnlockWords }) {
  const [state, action] = useActionState(async (previous: FormState, form: FormData) => {
    const answer = await unlockAccountAction(previous, form);
    // The unlocked account leaves the list with this button: focus goes to the list's heading
    // rather than to the page's start (docs/architecture.md, "Confirmations and focus").
    if (answer.status === "success") document.getElementById(LOCKED_OUT_HEADING)?.focus();
    return answer;
  }, idleState);
  const [confirming, setConfirming] = useState(false);
  const opener = useReturnFocus(confirming ? "confirmation" : null)("confirmation");
  const label = words.unlock;
  if (state.status === "success") return <FormMessage state={state} />;
  if (!confirming) {
    return (
      <button
        ref={opener}
        type="button"
        onClick={() => setConfirming(true)}
        className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium break-all hover:bg-slate-100"
      >
        {label}
      </button>
    );
  }
  return (
    <Confirmation
      userId={userId}
      label={label}
      words={words}
      action={action}
      onCancel={() => setConfirming(false)}
    >
      <FormMessage state={state} />
    </Confirmation>
  );
}

function Confirmation({
  userId,
  label,
  words,
  action,
  onCancel,
  children,
}: {
  userId: string;
  label: string;
  words: UnlockWords;
  action: (form: FormData) => void;
  onCancel: () => void;
  children: React.ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  useFocusOnOpen(form);
  return (
    <form ref={form} action={action} onKeyDown={closeOnEscape(onCancel)} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      <p className="text-sm text-slate-800">{words.question}</p>
      {children}
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger">{label}</SubmitButton>
        <button type="button" onClick={onCancel} className="min-h-11 px-3 text-sm underline">
          {words.cancel}
        </button>
      </div>
    </form>
  );
}
