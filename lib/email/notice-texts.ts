import type { EmailWords } from "./email-words";

// What each security notice says (docs/rules.md, rule 20): the event, in the words an
// account holder uses, from the `emails` catalogue (words/<locale>/emails.json, "notice"). No
// secret, code or link ever goes into a notice.

export const SECURITY_NOTICE_KINDS = [
  "two_factor_enabled",
  "two_factor_disabled",
  "two_factor_reset",
  "recovery_codes_regenerated",
  "recovery_code_used",
  "recovery_code_issued",
  "issued_recovery_code_used",
  "passkey_added",
  "passkey_removed",
  "password_changed",
  "password_reset",
  "account_updated",
  "email_address_changed",
  "account_deactivated",
  "account_reactivated",
  "account_unlocked",
] as const;

export type SecurityNoticeKind = (typeof SECURITY_NOTICE_KINDS)[number];

/** Each kind's entry under "notice" in the catalogue: a kind without one fails the type-check. */
const CATALOGUE_KEYS = {
  two_factor_enabled: "twoFactorEnabled",
  two_factor_disabled: "twoFactorDisabled",
  two_factor_reset: "twoFactorReset",
  recovery_codes_regenerated: "recoveryCodesRegenerated",
  recovery_code_used: "recoveryCodeUsed",
  recovery_code_issued: "recoveryCodeIssued",
  issued_recovery_code_used: "issuedRecoveryCodeUsed",
  passkey_added: "passkeyAdded",
  passkey_removed: "passkeyRemoved",
  password_changed: "passwordChanged",
  password_reset: "passwordReset",
  account_updated: "accountUpdated",
  email_address_changed: "emailAddressChanged",
  account_deactivated: "accountDeactivated",
  account_reactivated: "accountReactivated",
  account_unlocked: "accountUnlocked",
} as const satisfies Record<SecurityNoticeKind, string>;

type NoticeText = { subject: string; happened: string };

/** The subject and the sentence saying what happened; a used recovery code says how many remain. */
export function noticeText(
  t: EmailWords,
  kind: SecurityNoticeKind,
  remainingRecoveryCodes: number | undefined,
): NoticeText {
  const key = CATALOGUE_KEYS[kind];
  return {
    subject: t(`notice.${key}.subject`),
    happened: t(`notice.${key}.happened`, { count: remainingRecoveryCodes ?? 0 }),
  };
}
