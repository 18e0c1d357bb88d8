// A failed delivery in words, one line, from nodemailer's error codes (`code`, and the system's
// `originalCode` that nodemailer keeps beside its own): for "Send test e-mail", `email:test` and
// the outbox's "Last error". Never the error's message for a sign-in failure (the server's reply
// may echo what it was sent), never a stack, never the password.

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

function tlsWords(code: string, at: string, host: string): string {
  if (NOT_TLS.test(code)) {
    return `The SMTP server ${at} did not start a TLS connection: check the port and the connection security.`;
  }
  if (code === "CERT_HAS_EXPIRED") return `The certificate of the SMTP server ${host} has expired.`;
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID" || code === "HOSTNAME_MISMATCH") {
    return `The certificate of the SMTP server is not for ${host}.`;
  }
  if (UNTRUSTED_CERTIFICATE.has(code)) {
    return `The certificate of the SMTP server ${host} is not trusted (self-signed or from an unknown authority).`;
  }
  return `The secure (TLS) connection to the SMTP server ${at} failed: check the port and the connection security.`;
}

/** One line that says what went wrong, for an admin who can fix the settings or the server. */
export function smtpErrorInWords(error: unknown, server: SmtpServer): string {
  const e: SmtpError = error && typeof error === "object" ? (error as SmtpError) : {};
  const code = typeof e.code === "string" ? e.code : "";
  const system = typeof e.originalCode === "string" ? e.originalCode : code;
  const host = server.host;
  const at = `${host}:${server.port}`;
  const answer = reply(e.response);

  if (code === "EDNS" || DNS_FAILURES.has(system)) return `Could not find the SMTP server ${host}.`;
  if (system === "ECONNREFUSED") return `The SMTP server ${at} refused the connection.`;
  if (UNREACHABLE.has(system)) return `The SMTP server ${at} cannot be reached from here.`;
  if (code === "ETIMEDOUT" || system === "ETIMEDOUT") {
    return `The SMTP server ${at} did not answer in time.`;
  }
  if (code === "ETLS" || TLS.test(system)) return tlsWords(system, at, host);
  if (code === "EAUTH" || code === "ENOAUTH") {
    return "The SMTP server refused the username or password.";
  }
  if (e.responseCode === 530) return "The SMTP server asks for a username and password.";
  if (system === "ECONNRESET" || code === "ECONNECTION" || code === "ESOCKET") {
    return `The SMTP server ${at} closed the connection.`;
  }
  if (code === "EMESSAGE") return "The message is too large for the SMTP server.";
  if (code === "EPROTOCOL") {
    return `The SMTP server ${at} did not answer as an SMTP server does: check the port.`;
  }
  if (e.command === "MAIL FROM") {
    return `The SMTP server refused the from address${answer ? `: ${answer}` : "."}`;
  }
  if (e.command === "RCPT TO")
    return `The SMTP server refused the recipient${answer ? `: ${answer}` : "."}`;
  if (e.command === "DATA")
    return `The SMTP server refused the message${answer ? `: ${answer}` : "."}`;
  if (code === "EENVELOPE") return "The recipient's address cannot be sent to.";
  if (answer) return `The SMTP server answered: ${answer}`;
  return `Sending through the SMTP server ${at} failed${code ? ` (${code})` : ""}.`;
}
