// The one vocabulary of refusals (docs/architecture.md, "Failures and their words"): lib/ says
// what went wrong as a code, and the surface that shows it (a page, a JSON answer, the command
// line) turns the code into words from its language's catalogue (words/<locale>/failures.json,
// said by words/say-failure.ts). No sentence here, and no caller ever reads a refusal's text to
// learn its kind.

export type FailureCode =
  // A re-check of the current password, a code or a passkey (lib/two-factor/re-check.ts).
  | "wrong_password"
  | "wrong_code"
  | "wrong_password_or_code"
  | "wrong_password_or_passkey"
  | "passkey_confirmation_missing"
  | "too_many_passwords"
  | "codes_locked"
  | "too_many_code_attempts"
  | "recovery_code_wrong"
  | "enter_password"
  | "enter_code"
  | "enter_recovery_code"
  // Two-factor changes on the account page (lib/two-factor/).
  | "two_factor_not_on"
  | "two_factor_already_on"
  | "setup_expired"
  | "setup_changed"
  | "passkey_not_added"
  | "registration_expired"
  | "passkey_already_registered"
  | "passkey_gone"
  | "enter_passkey_name"
  | "passkey_name_taken"
  // E-mail settings and the test e-mail (lib/email/).
  | "email_settings_changed"
  | "email_settings_saved_meanwhile"
  | "email_not_configured"
  | "smtp_password_unreadable"
  // A delivery through the SMTP server (lib/email/smtp-errors.ts), and a message's own (its link
  // expired, its body cannot be opened: lib/email/link-bodies.ts).
  | "smtp_host_not_found"
  | "smtp_connection_refused"
  | "smtp_unreachable"
  | "smtp_timeout"
  | "smtp_not_tls"
  | "smtp_certificate_expired"
  | "smtp_certificate_other_host"
  | "smtp_certificate_untrusted"
  | "smtp_tls_failed"
  | "smtp_login_refused"
  | "smtp_login_needed"
  | "smtp_connection_closed"
  | "smtp_message_too_large"
  | "smtp_not_smtp"
  | "smtp_from_refused"
  | "smtp_recipient_refused"
  | "smtp_message_refused"
  | "smtp_recipient_unsendable"
  | "smtp_answered"
  | "smtp_failed"
  | "link_expired_unsent"
  | "body_unreadable"
  // Accounts (lib/users/).
  | "email_taken"
  | "setup_done"
  | "no_such_account"
  | "no_account_with_email"
  | "last_admin"
  | "already_deactivated"
  | "already_active"
  | "own_two_factor_elsewhere"
  | "own_browsers_elsewhere"
  | "nothing_to_reset"
  | "not_locked_out"
  | "own_recovery_code"
  | "no_second_step"
  // Passkeys (lib/passkeys/, lib/two-factor/passkey*.ts, app/api/passkeys/).
  | "passkeys_off"
  | "no_passkey_here"
  | "no_confirmation_asked"
  | "passkey_unusable"
  // Signing in and reset links (lib/sign-in/, lib/password-reset/).
  | "sign_in_expired"
  | "invalid_link"
  | "wrong_credentials"
  | "account_deactivated"
  | "sign_in_throttled"
  | "sign_in_unavailable"
  | "reset_unavailable"
  | "too_many_reset_requests"
  // next-auth's route handler, before next-auth reads the request (lib/sign-in/next-auth-route.ts).
  | "callback_url_invalid"
  | "callback_cookie_invalid"
  | "use_sign_in_form"
  | "body_not_json"
  | "callback_field_invalid"
  // Route handlers (lib/actions/guarded-route.ts).
  | "sign_in_first"
  | "finish_signing_in_first"
  | "admins_only"
  | "no_waiting_sign_in"
  | "other_origin"
  | "send_json"
  | "request_unreadable"
  // Requests refused on their headers or body before Next.js reads them (server.ts, proxy.ts).
  | "request_too_large"
  | "form_from_other_site"
  | "navigation_state_unreadable"
  | "address_unreadable"
  | "form_too_many_fields"
  // A field's value that its form's schema refuses (lib/*/schemas.ts, through `hint`).
  | "too_long"
  | "too_short"
  | "name_characters"
  | "password_characters"
  | "username_characters"
  | "tick_or_leave_empty"
  | "reload_page"
  | "enter_name"
  | "enter_email"
  | "email_invalid"
  | "enter_new_password"
  | "choose_role"
  | "choose_account"
  | "choose_browser"
  | "choose_passkey"
  | "enter_company_name"
  | "company_name_colon"
  | "enter_grace_period"
  | "grace_period_range"
  | "enter_trust_days"
  | "trust_days_range"
  | "choose_two_factor_scope"
  | "choose_passkey_scope"
  | "passkeys_off_for_requirement"
  | "enter_host_or_address"
  | "enter_smtp_port"
  | "port_range"
  | "choose_connection_security"
  | "enter_from_address"
  | "enter_smtp_host"
  | "from_address_invalid"
  // Any surface.
  | "form_unreadable"
  | "check_fields"
  | "unexpected";

/** Values a failure's words need: an address, a number of minutes. Never a secret. */
export type FailureParams = Record<string, string | number>;

export type Failure = { code: FailureCode; field?: string; params?: FailureParams };

/** What a lib/ function that can refuse returns: its values, or the failure. */
export type Result<T extends object = object> =
  ({ ok: true } & T) | { ok: false; failure: Failure };

export function failure(
  code: FailureCode,
  extra: { field?: string; params?: FailureParams } = {},
): Failure {
  return {
    code,
    ...(extra.field ? { field: extra.field } : {}),
    ...(extra.params ? { params: extra.params } : {}),
  };
}

/** The refusal of a `Result`. */
export const refused = (code: FailureCode, extra?: { field?: string; params?: FailureParams }) =>
  ({ ok: false, failure: failure(code, extra) }) as const;

/** Whole minutes to wait before trying again, rounded up so that trying then works: at least 1. */
export const retryMinutes = (retryAfterSeconds: number) =>
  Math.max(1, Math.ceil(retryAfterSeconds / 60));

/** Whether a value is a `Failure` (a handler may return one instead of its form's state). */
export function isFailure(value: unknown): value is Failure {
  return typeof value === "object" && value !== null && "code" in value && !("status" in value);
}
