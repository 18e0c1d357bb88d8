import { SubmitButton } from "@/components/ui/submit-button";
import { startTwoFactorSetupAction } from "./actions";

export type StartSetupWords = { intro: string; button: string };

/** Not enrolled yet: one button that makes a secret and shows its QR code. */
export function StartSetup({ words }: { words: StartSetupWords }) {
  return (
    <form action={startTwoFactorSetupAction} className="space-y-3">
      <p className="text-slate-700">{words.intro}</p>
      <SubmitButton>{words.button}</SubmitButton>
    </form>
  );
}
