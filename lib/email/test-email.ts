import "server-only";
import { DecryptionError } from "@/lib/crypto/encryption";
import { refused, type Result } from "@/lib/failures/failure";
import { escapeHtml } from "./html";
import { loadSmtpSettings } from "./email-settings";
import { smtpFailure } from "./smtp-errors";
import { createMailer } from "./transport";

export type TestEmailResult = Result;

/**
 * Sends a test message at once, with the saved settings, bypassing the outbox: the admin wants
 * the server's answer now. The answer is one line.
 */
export async function sendTestEmail(to: string, instanceName: string): Promise<TestEmailResult> {
  let settings;
  try {
    settings = await loadSmtpSettings();
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    return refused("smtp_password_unreadable");
  }
  if (!settings) return refused("email_not_configured");
  const mailer = createMailer(settings);
  const text = `This is a test message from ${instanceName}. E-mail delivery works.`;
  try {
    await mailer.send({
      to,
      subject: `${instanceName}: test e-mail`,
      text: `${text}\n`,
      html: `<!doctype html>\n<html><body><p>${escapeHtml(text)}</p></body></html>`,
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, failure: smtpFailure(error, settings) } as const;
  } finally {
    mailer.close();
  }
}
