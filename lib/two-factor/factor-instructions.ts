// What a second-factor form asks for, in the words of the method it shows: switching to "Use a
// recovery code" changes them too, so the screen never asks for a 6-digit code beside a
// recovery-code field. No "server-only": the forms that switch are client components. The words
// themselves are the page's (the `login` catalogue's "instruction" keys, docs/architecture.md,
// "Languages"); this names which one.

/** The factor a form shows: the authenticator app's code, or a recovery code. */
export type FactorMethod = "code" | "recovery";

/** Which instruction a form shows. */
export type FactorInstruction =
  "code" | "codeOrPasskey" | "recovery" | "recoveryOrPasskey" | "withoutApp";

/**
 * The instruction for a method. `withApp`: the account has an authenticator app (without one, its
 * passkeys and recovery codes are all it has). `passkey`: the form offers "Use a passkey" too.
 */
export function factorInstruction(
  method: FactorMethod,
  { withApp, passkey }: { withApp: boolean; passkey: boolean },
): FactorInstruction {
  if (!withApp) return "withoutApp";
  if (method === "code") return passkey ? "codeOrPasskey" : "code";
  return passkey ? "recoveryOrPasskey" : "recovery";
}
