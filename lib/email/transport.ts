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
    auth: settings.username
      ? { user: settings.username, pass: settings.password ?? "" }
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

/** The server's answer (or the network's) in one line, without secrets: for the outbox and page. */
export function describeSmtpError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.replace(/\s+/g, " ").trim() || "Unknown error";
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}
