"use client";

import { useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { resetTwoFactorAction } from "./actions";

/** "Reset two-factor", then a confirmation in place before anything happens. */
export function ResetTwoFactor({ userId, email }: { userId: string; email: string }) {
  const [state, action] = useActionState(resetTwoFactorAction, idleState);
  const [confirming, setConfirming] = useState(false);
  if (state.status === "success") return <FormMessage state={state} />;
  if (!confirming) {
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
      >
        Reset two-factor
      </button>
    );
  }
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      <p className="text-sm text-slate-800">
        Reset two-factor authentication for {email}? Their secret, recovery codes and trusted
        browsers are removed and they are signed out everywhere.
      </p>
      <FormMessage state={state} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger">Reset two-factor</SubmitButton>
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
