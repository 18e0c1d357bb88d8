// What a second-factor form asks for, in the words of the method it shows: switching to "Use a
// recovery code" changes them too, so the screen never asks for a 6-digit code beside a
// recovery-code field. No "server-only": the forms that switch are client components.

/** The factor a form shows: the authenticator app's code, or a recovery code. */
export type FactorMethod = "code" | "recovery";

/**
 * The instruction, without its ending: /login/verify adds "for <email>.", a reset link "as well.".
 * `withApp`: the account has an authenticator app (without one, its passkeys and recovery codes
 * are all it has). `passkey`: the form offers "Use a passkey" too.
 */
export function factorInstruction(
  method: FactorMethod,
  { withApp, passkey }: { withApp: boolean; passkey: boolean },
): string {
  if (!withApp) return "Use your passkey or a recovery code";
  const orPasskey = passkey ? " or use your passkey" : "";
  return method === "code"
    ? `Enter the 6-digit code from your authenticator app${orPasskey}`
    : `Enter one of your recovery codes${orPasskey}`;
}
