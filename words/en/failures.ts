import type { Failure, FailureCode, FailureParams } from "@/lib/failures/failure";
import { readStoredFailure } from "@/lib/failures/stored-failure";
import { deliveryWords } from "./delivery-failures";
import { fieldHintWords } from "./field-hints";
import type { ShownLocale } from "../locales";

// Every refusal in English, keyed by its code (lib/failures/failure.ts): what the pages, the JSON
// answers and the command line say. A code without words here fails the type-check. These are the
// product's words (docs/PRODUCT.md): browser tests read them as they stand.

type Words = string | ((params: FailureParams) => string);

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;

/** A lock's length, rounded up to minutes: "15 minutes", "1 hour 30 minutes". */
function duration(totalMinutes: number): string {
  if (totalMinutes < 60) return plural(totalMinutes, "minute");
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes === 0
    ? plural(hours, "hour")
    : `${plural(hours, "hour")} ${plural(minutes, "minute")}`;
}

const codesLocked = (minutes: number) => `Too many wrong codes. Try again in ${duration(minutes)}.`;

/** A wrong answer that also locked the account's codes (`lockMinutes`) says both. */
const wrong = (words: string) => (params: FailureParams) =>
  params.lockMinutes === undefined ? words : `${words} ${codesLocked(Number(params.lockMinutes))}`;

export const failureWords: Record<FailureCode, Words> = {
  wrong_password: wrong("Your current password is incorrect."),
  wrong_code: wrong("That code is not valid. Check your authenticator app and try again."),
  wrong_password_or_code: wrong("Your password or code is not valid."),
  wrong_password_or_passkey: wrong("Your password or passkey confirmation is not valid."),
  passkey_confirmation_missing: wrong("Confirm this change with one of your passkeys."),
  too_many_passwords: ({ retryAfterSeconds }) => {
    const minutes = Math.max(1, Math.ceil(Number(retryAfterSeconds) / 60));
    return `Too many wrong passwords. Try again in ${plural(minutes, "minute")}.`;
  },
  codes_locked: ({ minutes }) => codesLocked(Number(minutes)),
  too_many_code_attempts: "Too many attempts at once. Try again in a moment.",

  recovery_code_wrong: wrong("That recovery code is not valid."),
  enter_password: "Enter your current password.",
  enter_code: "Enter the 6-digit code from your authenticator app.",
  enter_recovery_code: "Enter a recovery code: 10 letters and digits, as in abcde-23456.",

  two_factor_not_on: "Two-factor authentication is not on.",
  two_factor_already_on: "Two-factor authentication is already on.",
  setup_expired: "The set-up expired. Start again to get a new QR code.",
  setup_changed: "The set-up changed. Start again.",
  passkey_not_added: "The passkey could not be added. Try again.",
  registration_expired: "The request expired. Choose Add a passkey again.",
  passkey_already_registered: "This passkey is already registered.",
  passkey_gone: "That passkey no longer exists.",
  enter_passkey_name: "Enter a name for the passkey.",
  passkey_name_taken: ({ name }) => `You already have a passkey named “${name}”.`,

  email_settings_changed: "The e-mail settings were changed meanwhile: save again.",
  email_settings_saved_meanwhile:
    "Another admin saved these settings after you opened this page. The form now shows what is stored: make your change again.",
  email_not_configured: "E-mail is not configured: save an SMTP host and a from address.",
  smtp_password_unreadable:
    "The saved SMTP password cannot be decrypted with the configured keys: enter it again.",
  // The server's answer, in the words of lib/email/smtp-errors.ts (still English: it is stored).
  ...deliveryWords,

  email_taken: "An account with this email address already exists.",
  setup_done: "Setup is already done.",
  no_such_account: "That account no longer exists.",
  no_account_with_email: "No account has that email address.",
  last_admin: "There must be at least one active admin.",
  already_deactivated: ({ email }) => `${email} is already deactivated.`,
  already_active: ({ email }) => `${email} is already active.`,
  own_two_factor_elsewhere: "Change your own two-factor settings on your account page.",
  own_browsers_elsewhere: "Sign your own browsers out on your account page.",
  nothing_to_reset: ({ email }) => `${email} has no second factor to reset.`,
  not_locked_out: ({ email }) => `${email} is not locked out.`,
  own_recovery_code:
    "You cannot issue a recovery code for your own account. Ask another admin, or use your own recovery codes.",
  no_second_step: ({ email }) =>
    `${email} is not asked for a second factor: their password alone signs them in, so they need no recovery code.`,

  passkeys_off: "Passkeys are turned off.",
  no_passkey_here: "No passkey can be used here.",
  no_confirmation_asked: "No passkey confirmation is asked for here.",
  passkey_unusable: "That passkey could not be used. Try again or use a code.",

  sign_in_expired: "Your sign-in has expired. Sign in again.",
  invalid_link: "This link is not valid or has expired.",
  wrong_credentials: "Invalid email or password",
  account_deactivated: "This account is deactivated.",
  sign_in_throttled: ({ retryAfterSeconds }) => {
    const minutes = Math.max(1, Math.ceil(Number(retryAfterSeconds) / 60));
    return `Too many failed sign-in attempts. Try again in ${plural(minutes, "minute")}.`;
  },
  sign_in_unavailable: "Sign-in is unavailable right now. Try again in a moment.",
  reset_unavailable:
    "Password reset is not available on this instance. Ask an administrator to reset your password.",
  too_many_reset_requests: "Too many reset requests. Try again in an hour.",

  callback_url_invalid: "The callbackUrl parameter is not a valid URL.",
  callback_cookie_invalid: "The callback URL cookie is not a valid URL. Clear it and try again.",
  use_sign_in_form: "Sign in with the form on the sign-in page.",
  body_not_json: "The request body is not valid JSON.",
  callback_field_invalid: "The callbackUrl field is not a valid URL.",

  sign_in_first: "Sign in first.",
  finish_signing_in_first: "Finish signing in first.",
  admins_only: "Only admins may do this.",
  no_waiting_sign_in: "No sign-in is waiting for this.",
  other_origin: "This request must come from this site.",
  send_json: "Send JSON.",
  request_unreadable: "The request could not be read.",

  ...fieldHintWords,
  request_too_large: "The request is too large.",
  form_from_other_site:
    "This form was sent from another site. Open the page on this site and try again.",
  navigation_state_unreadable: "The page's navigation state could not be read. Reload the page.",
  address_unreadable: "The address could not be read.",
  form_too_many_fields: "The form has too many fields.",
  form_unreadable: "The form could not be read. Reload the page and try again.",
  check_fields: "Check the highlighted fields.",
  unexpected: "Something went wrong. Try again.",
};

/**
 * A failure in words. Still English whatever `locale` says, until the failures catalogue
 * (words/<locale>/failures.json) holds them.
 */
export function sayFailure(
  failure: Pick<Failure, "code" | "params">,
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  locale: ShownLocale = "en",
): string {
  const words = failureWords[failure.code];
  return typeof words === "string" ? words : words(failure.params ?? {});
}

/** A failure a row stored (`storedFailure`) in words; what an older row holds, as it is. */
export function sayStoredFailure(stored: string, locale: ShownLocale = "en"): string {
  const failure = readStoredFailure(stored);
  return failure && failure.code in failureWords ? sayFailure(failure, locale) : stored;
}
