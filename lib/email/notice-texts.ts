// What each security notice says (docs/rules.md, rule 20): the event, in the words an
// account holder uses. No secret, code or link ever goes into a notice.

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

type NoticeText = { subject: string; happened: string };

export function noticeText(
  kind: SecurityNoticeKind,
  remainingRecoveryCodes: number | undefined,
): NoticeText {
  switch (kind) {
    case "two_factor_enabled":
      return {
        subject: "Two-factor authentication was turned on",
        happened: "Two-factor authentication was turned on for your account.",
      };
    case "two_factor_disabled":
      return {
        subject: "Two-factor authentication was turned off",
        happened:
          "Two-factor authentication was turned off for your account. Signing in now needs only your password.",
      };
    case "two_factor_reset":
      return {
        subject: "Two-factor authentication was reset",
        happened:
          "Two-factor authentication was reset for your account by an administrator: your authenticator app, recovery codes, passkeys and trusted browsers no longer work, and your account was signed out everywhere.",
      };
    case "recovery_codes_regenerated":
      return {
        subject: "New recovery codes were created",
        happened:
          "New recovery codes were created for your account. Your previous recovery codes no longer work.",
      };
    case "recovery_code_used": {
      const left = remainingRecoveryCodes ?? 0;
      return {
        subject: "A recovery code was used to sign in",
        happened: `A recovery code was used to sign in to your account. ${left} recovery ${left === 1 ? "code remains" : "codes remain"}.`,
      };
    }
    case "recovery_code_issued":
      return {
        subject: "An administrator issued you a recovery code",
        happened:
          "An administrator issued a single-use recovery code for your account, valid for 24 hours, so that you can sign in after losing your authenticator app and passkeys. Issuing another replaces it.",
      };
    case "issued_recovery_code_used":
      return {
        subject: "An administrator's recovery code was used to sign in",
        happened:
          "The recovery code an administrator issued for your account was used to sign in. That sign-in must set up a new authenticator app or passkey before anything else; your other factors are kept until you remove them.",
      };
    case "passkey_added":
      return {
        subject: "A passkey was added",
        happened: "A passkey was added to your account. It can now be used to sign in.",
      };
    case "passkey_removed":
      return {
        subject: "A passkey was removed",
        happened: "A passkey was removed from your account.",
      };
    case "password_changed":
      return {
        subject: "Your password was changed",
        happened:
          "The password of your account was changed, and your other browsers were signed out.",
      };
    case "password_reset":
      return {
        subject: "Your password was reset",
        happened:
          "The password of your account was reset with a reset link, and your account was signed out everywhere.",
      };
    case "account_updated":
      return {
        subject: "Your account details were changed",
        happened: "An administrator changed your account's details (name, email address or role).",
      };
    case "email_address_changed":
      return {
        subject: "Your account's email address was changed",
        happened:
          "An administrator changed the email address of your account: messages about it now go to the new address, and this address no longer signs in.",
      };
    case "account_deactivated":
      return {
        subject: "Your account was deactivated",
        happened:
          "An administrator deactivated your account: it was signed out everywhere and cannot sign in until it is reactivated.",
      };
    case "account_reactivated":
      return {
        subject: "Your account was reactivated",
        happened: "An administrator reactivated your account: it can sign in again.",
      };
    case "account_unlocked":
      return {
        subject: "Your account was unlocked",
        happened:
          "An administrator lifted the limit that too many wrong codes or passwords had put on signing in to your account: it can sign in again now.",
      };
  }
}

export const IF_NOT_YOU =
  "If this was not you, someone else may be able to sign in to your account. Change your password from your account page at once; if you cannot sign in, ask an administrator to reset your account.";
