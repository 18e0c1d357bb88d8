import { SubmitButton } from "@/components/ui/submit-button";
import { startTwoFactorSetupAction } from "./actions";

/** Not enrolled yet: one button that makes a secret and shows its QR code. */
export function StartSetup() {
  return (
    <form action={startTwoFactorSetupAction} className="space-y-3">
      <p className="text-slate-700">
        Protect your account with a 6-digit code from an authenticator app (Google Authenticator,
        Microsoft Authenticator, Authy, 1Password, Aegis or FreeOTP).
      </p>
      <SubmitButton>Set up two-factor authentication</SubmitButton>
    </form>
  );
}
