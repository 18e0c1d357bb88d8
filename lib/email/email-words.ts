import "server-only";
import { browserParts } from "@/lib/format/browser-description";
import type { Prisma } from "@/lib/db/generated/client";
import { recipientLocale, type Locale } from "@/words/locales";
import { translatorFor } from "@/words/translate";

// The words of every e-mail, from the `emails` catalogue in the recipient's language
// (docs/rules.md, "Languages"): the account's own choice, else the instance default, never the
// browser of the request that caused it. They are chosen when the message is queued, and the
// outbox keeps the finished words, so a retry a day later sends the same ones.

export type EmailWords = ReturnType<typeof translatorFor<"emails">>;

const translators = new Map<Locale, EmailWords>();

/** `t(key, values)` over the `emails` catalogue of one language. */
export function emailWords(locale: Locale): EmailWords {
  let words = translators.get(locale);
  if (!words) {
    words = translatorFor(locale, "emails");
    translators.set(locale, words);
  }
  return words;
}

/** What a message takes from the instance: its name (never translated) and default language. */
export type Letterhead = { instanceName: string; defaultLanguage: string | null };

/** The letterhead as `reader` (the transaction that queues the message) sees the settings. */
export async function readLetterhead(
  reader: Pick<Prisma.TransactionClient, "settings">,
): Promise<Letterhead> {
  const row = await reader.settings.findUnique({
    where: { id: 1 },
    select: { companyName: true, defaultLanguage: true },
  });
  return {
    instanceName: row?.companyName ?? "AppMail",
    defaultLanguage: row?.defaultLanguage ?? null,
  };
}

/** The recipient's language: their account's choice (`language`), else the instance default. */
export const letterLocale = (letterhead: Letterhead, language: string | null | undefined) =>
  recipientLocale(language ?? null, letterhead.defaultLanguage);

/**
 * A browser named in an e-mail's language: "Firefox unter Windows". The names are products'; the
 * words between them, and for what is unknown, are the catalogue's (docs/rules.md, "Languages").
 */
export function browserIn(t: EmailWords, userAgent: string | null): string {
  const parts = browserParts(userAgent);
  if (!parts) return t("browser.unknownBrowser");
  return t("browser.described", {
    browser: parts.browser ?? t("browser.unknownBrowser"),
    system: parts.system ?? t("browser.unknownSystem"),
  });
}
