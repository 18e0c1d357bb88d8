"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { sendTestEmailAction } from "./actions";

export function TestEmailForm({ configured }: { configured: boolean }) {
  const [state, action] = useActionState(sendTestEmailAction, idleState);
  return (
    <form action={action} className="max-w-xl space-y-3">
      <h2 className="text-lg font-semibold">Test the settings</h2>
      <p className="text-sm text-slate-600">
        {configured
          ? "Sends a message to your own address at once, with the saved settings."
          : "Save an SMTP host and a from address first."}
      </p>
      <FormMessage state={state} />
      <SubmitButton variant="secondary">Send test e-mail</SubmitButton>
    </form>
  );
}
