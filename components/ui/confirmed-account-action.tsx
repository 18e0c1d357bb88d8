"use client";

import { useActionState, useRef, useState } from "react";
import { closeOnEscape, useFocusOnOpen, useReturnFocus } from "@/components/ui/confirmation-focus";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, type FormState } from "@/lib/forms/form-state";
import type { GuardedAction } from "@/lib/actions/guarded-action";

/**
 * A button for one account, then a confirmation in place before anything happens (the users
 * list's "Reset two-factor", "Sign out everywhere", "Issue a recovery code"; the security
 * overview's "Unlock <email>"). The button's name is the contract's; `describedBy` names the
 * element that says whose account it is, as its accessible description, when the name does not.
 * `unavailable`: the text shown instead of the button when there is nothing to act on; the
 * component stays mounted, so the success message of the change that made it so outlives the
 * list's refresh. `focusAfterSuccess`: the id of the element that takes focus when the account
 * leaves the list with this button (docs/architecture.md, "Confirmations and focus").
 */
export function ConfirmedAccountAction({
  userId,
  label,
  question,
  describedBy,
  unavailable,
  focusAfterSuccess,
  cancel,
  action: serverAction,
}: {
  userId: string;
  label: string;
  /** "Cancel", in the page's language. */
  cancel: string;
  question: string;
  describedBy?: string;
  unavailable?: string;
  focusAfterSuccess?: string;
  action: GuardedAction<FormState>;
}) {
  const [state, action] = useActionState(async (previous: FormState, form: FormData) => {
    const answer = await serverAction(previous, form);
    if (answer.status === "success" && focusAfterSuccess) {
      document.getElementById(focusAfterSuccess)?.focus();
    }
    return answer;
  }, idleState);
  const [confirming, setConfirming] = useState(false);
  const opener = useReturnFocus(confirming ? "confirmation" : null)("confirmation");
  if (state.status === "success") return <FormMessage state={state} />;
  if (unavailable && !confirming) return <p className="text-sm text-slate-600">{unavailable}</p>;
  if (!confirming) {
    return (
      <button
        ref={opener}
        type="button"
        aria-describedby={describedBy}
        onClick={() => setConfirming(true)}
        className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium wrap-anywhere hover:bg-slate-100"
      >
        {label}
      </button>
    );
  }
  return (
    <Confirmation
      userId={userId}
      label={label}
      question={question}
      cancel={cancel}
      state={state}
      action={action}
      onCancel={() => setConfirming(false)}
    />
  );
}

function Confirmation({
  userId,
  label,
  question,
  cancel,
  state,
  action,
  onCancel,
}: {
  userId: string;
  label: string;
  question: string;
  cancel: string;
  state: FormState;
  action: (form: FormData) => void;
  onCancel: () => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  useFocusOnOpen(form);
  return (
    <form ref={form} action={action} onKeyDown={closeOnEscape(onCancel)} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      <p className="text-sm text-slate-800">{question}</p>
      <FormMessage state={state} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger">{label}</SubmitButton>
        <button type="button" onClick={onCancel} className="min-h-11 px-3 text-sm underline">
          {cancel}
        </button>
      </div>
    </form>
  );
}
