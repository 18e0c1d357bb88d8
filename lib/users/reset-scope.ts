// Whether an account has anything for an admin's "Reset two-factor" (lib/users/admin-reset.ts)
// to remove; its confirmation's words are the admin catalogue's (users.actions.resetQuestion).
// No "server-only": the users list's cards use it.

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
