"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { sendTestEmailAction } from "./actions";

/** `note`: what the button does, or that the settings must be saved first. */
export function TestEmailForm({ words }: { words: Record<"heading" | "note" | "send", string> }) {
  const [state, action] = useActionState(sendTestEmailAction, idleState);
  return (
    <form action={action} className="max-w-xl space-y-3">
      <h2 className="text-lg font-semibold">{words.heading}</h2>
      <p className="text-sm text-slate-600">{words.note}</p>
      <FormMessage state={state} />
      <SubmitButton variant="secondary">{words.send}</SubmitButton>
    </form>
  );
}
