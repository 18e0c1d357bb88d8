"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { ConfirmedAccountAction } from "../confirmed-account-action";
import { deactivateUserAction, reactivateUserAction } from "./actions";

/** "Deactivate", confirmed in place: the account is signed out everywhere at once. */
export function DeactivateAccount({ userId, email }: { userId: string; email: string }) {
  return (
    <ConfirmedAccountAction
      userId={userId}
      label="Deactivate"
      question={`Deactivate ${email}? They are signed out of every browser at once and cannot sign in until reactivated. Nothing is deleted.`}
      action={deactivateUserAction}
    />
  );
}

/** "Reactivate": nothing is lost by it, so no confirmation. */
export function ReactivateAccount({ userId }: { userId: string }) {
  const [state, action] = useActionState(reactivateUserAction, idleState);
  if (state.status === "success") return <FormMessage state={state} />;
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      <FormMessage state={state} />
      <SubmitButton>Reactivate</SubmitButton>
    </form>
  );
}
