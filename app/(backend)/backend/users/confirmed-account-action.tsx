"use client";

import { useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, type FormState } from "@/lib/forms/form-state";
import type { GuardedAction } from "@/lib/actions/guarded-action";

/** A button for one account, then a confirmation in place before anything happens. */
export function ConfirmedAccountAction({
  userId,
  label,
  question,
  action: serverAction,
}: {
  userId: string;
  label: string;
  question: string;
  action: GuardedAction<FormState>;
}) {
  const [state, action] = useActionState(serverAction, idleState);
  const [confirming, setConfirming] = useState(false);
  if (state.status === "success") return <FormMessage state={state} />;
  if (!confirming) {
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
      >
        {label}
      </button>
    );
  }
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      <p className="text-sm text-slate-800">{question}</p>
      <FormMessage state={state} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger">{label}</SubmitButton>
        <button
          type="button"
          onClick={() => setConfirming(false)}
          className="min-h-11 px-3 text-sm underline"
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
