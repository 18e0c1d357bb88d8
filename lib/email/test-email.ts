import "server-only";
import { DecryptionError } from "@/lib/crypto/encryption";
import { db } from "@/lib/db/client";
import { refused, type Result } from "@/lib/failures/failure";
import { emailWords, letterLocale, readLetterhead } from "./email-words";
import { escapeHtml } from "./html";
import { loadSmtpSettings } from "./email-settings";
import { smtpFailure } from "./smtp-errors";
import { createMailer } from "./transport";

export type TestEmailResult = Result;

/**
 * The language of a message to `to`: its account's choice when an account has that address, else
 * the instance default (docs/rules.md, "Languages").
 */
async function languageOfAddress(to: string) {
  const account = await db.user.findUnique({
    where: { email: to.toLowerCase() },
    select: { language: true },
  });
  return letterLocale(await readLetterhead(db), account?.language);
}

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
  const t = emailWords(await languageOfAddress(to));
  const mailer = createMailer(settings);
  const text = t("testEmail.body", { company: instanceName });
  try {
    await mailer.send({
      to,
      subject: t("subjectLine", { company: instanceName, subject: t("testEmail.subject") }),
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
