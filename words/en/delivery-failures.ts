import type { FailureCode, FailureParams } from "@/lib/failures/failure";

// A delivery through the SMTP server that failed (lib/email/smtp-errors.ts), and a message that
// failed for reasons of its own, in English: part of words/en/failures.ts's table.

type DeliveryCode = Exclude<
  Extract<FailureCode, `smtp_${string}` | "link_expired_unsent" | "body_unreadable">,
  "smtp_password_unreadable"
>;

export const deliveryWords = {
  smtp_host_not_found: ({ host }) => `Could not find the SMTP server ${host}.`,
  smtp_connection_refused: ({ at }) => `The SMTP server ${at} refused the connection.`,
  smtp_unreachable: ({ at }) => `The SMTP server ${at} cannot be reached from here.`,
  smtp_timeout: ({ at }) => `The SMTP server ${at} did not answer in time.`,
  smtp_not_tls: ({ at }) =>
    `The SMTP server ${at} did not start a TLS connection: check the port and the connection security.`,
  smtp_certificate_expired: ({ host }) => `The certificate of the SMTP server ${host} has expired.`,
  smtp_certificate_other_host: ({ host }) =>
    `The certificate of the SMTP server is not for ${host}.`,
  smtp_certificate_untrusted: ({ host }) =>
    `The certificate of the SMTP server ${host} is not trusted (self-signed or from an unknown authority).`,
  smtp_tls_failed: ({ at }) =>
    `The secure (TLS) connection to the SMTP server ${at} failed: check the port and the connection security.`,
  smtp_login_refused: "The SMTP server refused the username or password.",
  smtp_login_needed: "The SMTP server asks for a username and password.",
  smtp_connection_closed: ({ at }) => `The SMTP server ${at} closed the connection.`,
  smtp_message_too_large: "The message is too large for the SMTP server.",
  smtp_not_smtp: ({ at }) =>
    `The SMTP server ${at} did not answer as an SMTP server does: check the port.`,
  smtp_from_refused: ({ reply }) =>
    `The SMTP server refused the from address${reply ? `: ${reply}` : "."}`,
  smtp_recipient_refused: ({ reply }) =>
    `The SMTP server refused the recipient${reply ? `: ${reply}` : "."}`,
  smtp_message_refused: ({ reply }) =>
    `The SMTP server refused the message${reply ? `: ${reply}` : "."}`,
  smtp_recipient_unsendable: "The recipient's address cannot be sent to.",
  smtp_answered: ({ reply }) => `The SMTP server answered: ${reply}`,
  smtp_failed: ({ at, code }) =>
    `Sending through the SMTP server ${at} failed${code ? ` (${code})` : ""}.`,
  link_expired_unsent: "The link expired before it could be sent",
  body_unreadable: "The message cannot be decrypted with the configured keys",
} satisfies Record<DeliveryCode, string | ((params: FailureParams) => string)>;
