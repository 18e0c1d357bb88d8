import type { AuditEventType } from "@/lib/audit/audit";

/**
 * What the security log calls each event. A `Record` over every type: a new event type without a
 * label here fails the type check, so the log never falls back to a machine name.
 */
export const AUDIT_EVENT_LABELS: Record<AuditEventType, string> = {
  sign_in_succeeded: "Sign-in succeeded",
  sign_in_failed: "Sign-in failed",
  sign_in_throttled: "Sign-ins limited",
  password_check_failed: "Password check failed",
  account_created: "Account created",
  account_updated: "Account changed",
  account_deactivated: "Account deactivated",
  account_reactivated: "Account reactivated",
  password_changed: "Password changed",
  password_reset_requested: "Password reset requested",
  password_reset: "Password reset",
  two_factor_enabled: "Two-factor enabled",
  two_factor_disabled: "Two-factor disabled",
  two_factor_reset: "Two-factor reset",
  two_factor_code_failed: "Wrong authentication code",
  two_factor_locked: "Two-factor locked",
  recovery_code_used: "Recovery code used",
  recovery_codes_regenerated: "Recovery codes regenerated",
  recovery_code_issued: "Recovery code issued by an admin",
  issued_recovery_code_used: "Admin-issued recovery code used",
  settings_changed: "Settings changed",
  trusted_browser_revoked: "Trusted browser revoked",
  sign_ins_ended: "Sign-ins ended",
  sign_in_disowned: "Sign-in ended by a not-me link",
  signed_out_everywhere: "Signed out everywhere",
  passkey_added: "Passkey added",
  passkey_removed: "Passkey removed",
  passkey_renamed: "Passkey renamed",
  passkey_used: "Passkey used",
  passkey_refused: "Passkey refused",
  account_unlocked: "Account unlocked",
};

/** The label of a stored event type; a type this version does not know is shown as stored. */
export function auditEventLabel(type: string): string {
  return Object.hasOwn(AUDIT_EVENT_LABELS, type)
    ? AUDIT_EVENT_LABELS[type as AuditEventType]
    : type;
}
