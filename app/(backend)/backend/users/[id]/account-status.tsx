"use client";

import { useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { deactivateUserAction, reactivateUserAction } from "./actions";

/**
 * "Deactivate" (confirmed in place) or "Reactivate", whichever the stored status allows. One
 * component for both, so that the answer of the one just pressed stays on screen when the page's
 * new status swaps the button.
 */
export type AccountStatusWords = Record<
  "deactivate" | "reactivate" | "cancel" | "deactivateQuestion",
  string
>;

export function AccountStatus({
  userId,
  deactivated,
  words,
}: {
  userId: string;
  deactivated: boolean;
  /** `deactivateQuestion` names the account. */
  words: AccountStatusWords;
}) {
  const [deactivation, deactivate] = useActionState(deactivateUserAction, idleState);
  const [reactivation, reactivate] = useActionState(reactivateUserAction, idleState);
  const [confirming, setConfirming] = useState(false);
  // The answer that led to the status shown, or a refusal of the button shown.
  const shown = deactivated
    ? reactivation.status === "error"
      ? reactivation
      : deactivation
    : deactivation.status === "error"
      ? deactivation
      : reactivation;
  const hidden = <input type="hidden" name="userId" value={userId} />;
  return (
    <div className="space-y-2">
      <FormMessage state={shown} />
      {deactivated ? (
        <form action={reactivate}>
          {hidden}
          <SubmitButton>{words.reactivate}</SubmitButton>
        </form>
      ) : confirming ? (
        <form
          action={(form: FormData) => {
            setConfirming(false);
            deactivate(form);
          }}
          className="space-y-2"
        >
          {hidden}
          <p className="text-sm text-slate-800">{words.deactivateQuestion}</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton variant="danger">{words.deactivate}</SubmitButton>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="min-h-11 px-3 text-sm underline"
            >
              {words.cancel}
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
        >
          {words.deactivate}
        </button>
      )}
    </div>
  );
}
