// What an admin's "Reset two-factor" (lib/users/admin-reset.ts) removes, in the words the users
// list shows, and whether an account has anything for it to remove. No "server-only":
// the users list's confirmation is a client component.

/** An account's second factors, as counted by the database. */
export type SecondFactors = {
  totpEnabledAt: Date | null;
  /** Its passkeys. */
  passkeys: number;
  /** Its unused recovery codes. */
  recoveryCodes: number;
};

/** An authenticator app, a passkey or an unused recovery code: something a reset takes away. */
export function hasSecondFactor(account: SecondFactors): boolean {
  return account.totpEnabledAt !== null || account.passkeys > 0 || account.recoveryCodes > 0;
}

/** The confirmation of "Reset two-factor": exactly what goes, and what signs in afterwards. */
export function resetQuestion(email: string): string {
  return (
    `Reset two-factor authentication for ${email}? Their authenticator app, recovery codes, ` +
    "passkeys and trusted browsers are removed and they are signed out everywhere. Until they " +
    "set up two-factor authentication again, their password alone signs them in."
  );
}
