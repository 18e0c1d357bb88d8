import type { FailureCode, FailureParams } from "@/lib/failures/failure";

// What a form says at a field its schema refuses (lib/*/schemas.ts, through `hint`), in English:
// part of words/en/failures.ts's table.

export const fieldHintWords = {
  too_long: ({ max }) => `Use at most ${max} characters.`,
  too_short: ({ min }) => `Use at least ${min} characters.`,
  name_characters: "The name contains characters that are not allowed.",
  password_characters: "The password contains a character that is not allowed.",
  username_characters: "The username contains characters that are not allowed.",
  tick_or_leave_empty: "Tick the box or leave it empty.",
  reload_page: "Reload the page and try again.",
  enter_name: "Enter a name.",
  enter_email: "Enter an email address.",
  email_invalid: "Enter a valid email address.",
  enter_new_password: "Enter a password.",
  choose_role: "Choose a role.",
  choose_account: "Choose an account.",
  choose_browser: "Choose a browser.",
  choose_passkey: "Choose a passkey.",
  enter_company_name: "Enter the company name.",
  company_name_colon: "The name cannot contain a colon.",
  enter_grace_period: "Enter the grace period.",
  grace_period_range: ({ max }) => `Enter the grace period as a whole number from 0 to ${max}.`,
  enter_trust_days: "Enter the number of days.",
  trust_days_range: ({ max }) => `Enter the number of days as a whole number from 0 to ${max}.`,
  choose_two_factor_scope: "Choose who must use two-factor authentication.",
  choose_passkey_scope: "Choose who must have a passkey.",
  passkeys_off_for_requirement:
    "Turn on “Allow passkeys” before requiring a passkey, or choose Nobody.",
  enter_host_or_address: "Enter a host name or an IP address.",
  enter_smtp_port: "Enter the SMTP port.",
  port_range: "Enter the port as a whole number from 1 to 65535.",
  choose_connection_security: "Choose the connection security.",
  enter_from_address: "Enter the from address.",
  enter_smtp_host: "Enter the SMTP host.",
  from_address_invalid:
    "Enter a valid email address, such as noreply@example.com or AppMail <noreply@example.com>.",
} satisfies Partial<Record<FailureCode, string | ((params: FailureParams) => string)>>;
