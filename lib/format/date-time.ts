// One way to write a moment on every page and in every e-mail, in the reader's language:
// "7 Dec 2026, 19:32 UTC", "7. Dez. 2026, 19:32 UTC" (docs/architecture.md, "Dates"). Pages are
// rendered on the server, which knows no reader's time zone, so every date says it is UTC rather
// than leaving the reader to guess.

/** English is written the British way (day before month, 24-hour clock), as it always was. */
const INTL_LOCALE: Record<string, string> = { en: "en-GB", "en-XA": "en-GB" };

const SHORT: Intl.DateTimeFormatOptions = {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
};
const FULL: Intl.DateTimeFormatOptions = {
  dateStyle: "full",
  timeStyle: "short",
  hourCycle: "h23",
  timeZone: "UTC",
};

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(locale: string, style: "short" | "full" = "short"): Intl.DateTimeFormat {
  const key = `${style}:${locale}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      INTL_LOCALE[locale] ?? locale,
      style === "full" ? FULL : SHORT,
    );
    formats.set(key, format);
  }
  return format;
}

/** "7 Dec 2026, 19:32 UTC" in English; `locale` is one of words/locales.ts's. */
export function formatDateTime(date: Date, locale = "en"): string {
  return `${formatFor(locale).format(date)} UTC`;
}

/**
 * "Tuesday, 5 March 2030 at 09:15 UTC": the weekday and the month written out, as e-mails have
 * always said when something happened (docs/rules.md, rule 20); the same language rules.
 */
export function formatFullDateTime(date: Date, locale = "en"): string {
  return `${formatFor(locale, "full").format(date)} UTC`;
}
