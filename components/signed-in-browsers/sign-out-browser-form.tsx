"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { signOutBrowserAction, signOutOtherBrowsersAction } from "./actions";

/** "Sign out <description>" for one other browser of the list. */
export function SignOutBrowserForm({
  handle,
  label,
}: {
  handle: string;
  /** "Sign out <description>", in the page's language. */
  label: string;
}) {
  const [state, action] = useActionState(signOutBrowserAction, idleState);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="browser" value={handle} />
      <FormMessage state={state} />
      <SubmitButton variant="secondary">{label}</SubmitButton>
    </form>
  );
}

/**
 * "Sign out all other browsers" under the list, only while another browser is signed in (so a
 * page with one browser has a single "Sign out" button, the header's); hidden while a change's
 * offer shows the same. Its message stays after the others are gone.
 */
export function SignOutOthersForm({
  otherBrowsers,
  label,
}: {
  otherBrowsers: number;
  label: string;
}) {
  const [state, action] = useActionState(signOutOtherBrowsersAction, idleState);
  return (
    <form action={action} data-sign-out-others className="mt-4 space-y-2">
      <FormMessage state={state} />
      {otherBrowsers > 0 ? <SubmitButton variant="secondary">{label}</SubmitButton> : null}
    </form>
  );
}
