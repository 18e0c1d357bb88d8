import "server-only";
import nodemailer from "nodemailer";
import type { SmtpSettings } from "./email-settings";

// One SMTP delivery with nodemailer. Every wait is bounded, so a delivery ends well within the
// sender's claim lease (sender.ts): connecting, the greeting and each reply have a timeout.
export const SMTP_TIMEOUTS = {
  connectionTimeout: 15_000,
  greetingTimeout: 15_000,
  socketTimeout: 30_000,
  dnsTimeout: 15_000,
};

/** The longest one delivery can take: the lease must outlast it (docs/architecture.md). */
export const LONGEST_DELIVERY_MS =
  SMTP_TIMEOUTS.dnsTimeout +
  SMTP_TIMEOUTS.connectionTimeout +
  SMTP_TIMEOUTS.greetingTimeout +
  // EHLO, STARTTLS, AUTH, MAIL FROM, RCPT TO, DATA and the message: each waits at most this long.
  7 * SMTP_TIMEOUTS.socketTimeout;

export type Mail = { to: string; subject: string; text: string | null; html: string | null };

export type Mailer = { send(mail: Mail): Promise<void>; close(): void };

export function createMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    // One connection per pass, reused for each message (closed by `close()`).
    pool: true,
    maxConnections: 1,
    host: settings.host,
    port: settings.port,
    secure: settings.security === "TLS",
    requireTLS: settings.security === "STARTTLS",
    ignoreTLS: settings.security === "NONE",
    // Signs in only with a saved password: a username alone (its password cleared by a change of
    // server, docs/rules.md, rule 24) names nobody to a server that was not meant to see it.
    auth:
      settings.username && settings.password
        ? { user: settings.username, pass: settings.password }
        : undefined,
    ...SMTP_TIMEOUTS,
  });
  return {
    async send(mail) {
      await transport.sendMail({
        from: settings.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text ?? "",
        ...(mail.html ? { html: mail.html } : {}),
        // No tracking, no remote content: nothing but the message itself.
        disableUrlAccess: true,
        disableFileAccess: true,
      });
    },
    close() {
      transport.close();
    },
  };
}

/**
 * An error's own message in one line, for the server's log. Pages and the outbox say what went
 * wrong in words instead (smtp-errors.ts).
 */
export function describeSmtpError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.replace(/\s+/g, " ").trim() || "Unknown error";
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}

/**
 * Whether the server refused this message or its recipient for good: a 5xx answer to RCPT TO or
 * DATA, or an address nodemailer cannot send to at all. Trying again cannot help, so the message
 * fails at once. A 5xx at sign-in or to MAIL FROM is the settings' fault, which an admin can fix:
 * that, a 4xx and a network error are tried again (docs/rules.md, rule 19).
 */
export function isPermanentRejection(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code, command, responseCode } = error as {
    code?: unknown;
    command?: unknown;
    responseCode?: unknown;
  };
  if (code === "EENVELOPE" && command === "API") return true;
  const permanent = typeof responseCode === "number" && responseCode >= 500 && responseCode < 600;
  return permanent && (command === "RCPT TO" || command === "DATA");
}
