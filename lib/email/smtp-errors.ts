// A failed delivery as a failure code, one line when said, from nodemailer's error codes (`code`,
// and the system's `originalCode` that nodemailer keeps beside its own): for "Send test e-mail",
// `email:test` and the outbox's "Last error" (stored as the code, said by the page that shows it:
// docs/architecture.md, "Failures and their words"). Never the error's message for a sign-in
// failure (the server's reply may echo what it was sent), never a stack, never the password.
import { failure, type Failure, type FailureCode } from "@/lib/failures/failure";

export type SmtpServer = { host: string; port: number };

type SmtpError = {
  code?: unknown;
  originalCode?: unknown;
  command?: unknown;
  response?: unknown;
  responseCode?: unknown;
  hostname?: unknown;
};

const DNS_FAILURES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL", "ENODATA"]);
const UNREACHABLE = new Set(["EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN"]);
const UNTRUSTED_CERTIFICATE = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
  "CERT_UNTRUSTED",
]);
const NOT_TLS = /^ERR_SSL_(WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST|RECORD_LAYER)/;
const TLS = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;
const LONGEST_REPLY = 200;

/** The server's own reply (e.g. "550 5.1.1 No such user"), in one short line. */
function reply(response: unknown): string | null {
  if (typeof response !== "string") return null;
  const line = response.replace(/\s+/g, " ").trim();
  if (!line) return null;
  return line.length > LONGEST_REPLY ? `${line.slice(0, LONGEST_REPLY - 1)}…` : line;
}

function tlsFailure(code: string, at: string, host: string): Failure {
  if (NOT_TLS.test(code)) return failure("smtp_not_tls", { params: { at } });
  if (code === "CERT_HAS_EXPIRED") return failure("smtp_certificate_expired", { params: { host } });
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID" || code === "HOSTNAME_MISMATCH") {
    return failure("smtp_certificate_other_host", { params: { host } });
  }
  if (UNTRUSTED_CERTIFICATE.has(code)) {
    return failure("smtp_certificate_untrusted", { params: { host } });
  }
  return failure("smtp_tls_failed", { params: { at } });
}

/** A refusal of one SMTP command, with the server's own reply when it gave one. */
function refusedCommand(code: FailureCode, answer: string | null): Failure {
  return failure(code, answer ? { params: { reply: answer } } : {});
}

/** What went wrong, for an admin who can fix the settings or the server. */
export function smtpFailure(error: unknown, server: SmtpServer): Failure {
  const e: SmtpError = error && typeof error === "object" ? (error as SmtpError) : {};
  const code = typeof e.code === "string" ? e.code : "";
  const system = typeof e.originalCode === "string" ? e.originalCode : code;
  const host = server.host;
  const at = `${host}:${server.port}`;
  const answer = reply(e.response);

  if (code === "EDNS" || DNS_FAILURES.has(system)) {
    return failure("smtp_host_not_found", { params: { host } });
  }
  if (system === "ECONNREFUSED") return failure("smtp_connection_refused", { params: { at } });
  if (UNREACHABLE.has(system)) return failure("smtp_unreachable", { params: { at } });
  if (code === "ETIMEDOUT" || system === "ETIMEDOUT") {
    return failure("smtp_timeout", { params: { at } });
  }
  if (code === "ETLS" || TLS.test(system)) return tlsFailure(system, at, host);
  if (code === "EAUTH" || code === "ENOAUTH") return failure("smtp_login_refused");
  if (e.responseCode === 530) return failure("smtp_login_needed");
  if (system === "ECONNRESET" || code === "ECONNECTION" || code === "ESOCKET") {
    return failure("smtp_connection_closed", { params: { at } });
  }
  if (code === "EMESSAGE") return failure("smtp_message_too_large");
  if (code === "EPROTOCOL") return failure("smtp_not_smtp", { params: { at } });
  if (e.command === "MAIL FROM") return refusedCommand("smtp_from_refused", answer);
  if (e.command === "RCPT TO") return refusedCommand("smtp_recipient_refused", answer);
  if (e.command === "DATA") return refusedCommand("smtp_message_refused", answer);
  if (code === "EENVELOPE") return failure("smtp_recipient_unsendable");
  if (answer) return failure("smtp_answered", { params: { reply: answer } });
  return failure("smtp_failed", { params: { at, ...(code ? { code } : {}) } });
}
