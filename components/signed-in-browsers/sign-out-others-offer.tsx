"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { signOutOtherBrowsersAction } from "./actions";

/**
 * The offer after a sign-in method changed (2FA, a passkey): any view that reports a successful
 * change renders it with the action's count of other browsers; with none it shows nothing
 * (docs/rules.md, rule 22). While it shows, the "Signed-in browsers" section hides its own button
 * of the same name (app/globals.css), so the page has one.
 */
export function SignOutOthersOffer({ otherBrowsers }: { otherBrowsers: number | undefined }) {
  const [state, action] = useActionState(signOutOtherBrowsersAction, idleState);
  if (!otherBrowsers) return null;
  if (state.status === "success") return <FormMessage state={state} />;
  const browsers =
    otherBrowsers === 1 ? "1 other browser is" : `${otherBrowsers} other browsers are`;
  return (
    <form
      action={action}
      data-sign-out-offer
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3"
    >
      <p className="text-sm text-slate-800">
        {browsers} signed in to your account. If you do not recognise them all, sign them out.
      </p>
      <FormMessage state={state} />
      <SubmitButton variant="secondary">Sign out all other browsers</SubmitButton>
    </form>
  );
}
