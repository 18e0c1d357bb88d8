"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { fillIn } from "@/lib/format/fill-in";
import { idleState } from "@/lib/forms/form-state";
import { signOutOtherBrowsersAction } from "./actions";

/** `many` keeps `{count}` in it, filled in with the action's count. */
export type SignOutOthersOfferWords = { one: string; many: string; button: string };

/**
 * The offer after a sign-in method changed (2FA, a passkey): any view that reports a successful
 * change renders it with the action's count of other browsers; with none it shows nothing
 * (docs/rules.md, rule 22). While it shows, the "Signed-in browsers" section hides its own button
 * of the same name (app/globals.css), so the page has one.
 */
export function SignOutOthersOffer({
  otherBrowsers,
  words,
}: {
  otherBrowsers: number | undefined;
  words: SignOutOthersOfferWords;
}) {
  const [state, action] = useActionState(signOutOtherBrowsersAction, idleState);
  if (!otherBrowsers) return null;
  if (state.status === "success") return <FormMessage state={state} />;
  return (
    <form
      action={action}
      data-sign-out-offer
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3"
    >
      <p className="text-sm text-slate-800">
        {otherBrowsers === 1 ? words.one : fillIn(words.many, { count: otherBrowsers })}
      </p>
      <FormMessage state={state} />
      <SubmitButton variant="secondary">{words.button}</SubmitButton>
    </form>
  );
}
