import Negotiator from "negotiator";

// The languages every screen and e-mail exists in (docs/rules.md, "Languages"). English is the
// default and the contract: the browser tests read its words.

export const LOCALES = ["en", "de", "fr", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/**
 * A made-up language for tests only (docs/architecture.md, "Languages"): English with accents and
 * 40 % more letters, so that a word no catalogue translates, or a layout that cannot take longer
 * words, shows on screen. Offered only where `APPMAIL_PSEUDO_LOCALE=1`.
 */
export const PSEUDO_LOCALE = "en-XA";
export type ShownLocale = Locale | typeof PSEUDO_LOCALE;

/** Each language by its own name, as the "Language" selects list them. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: "English",
  de: "Deutsch",
  fr: "Français",
  es: "Español",
};

export const isLocale = (value: unknown): value is Locale =>
  typeof value === "string" && (LOCALES as readonly string[]).includes(value);

export const pseudoLocaleOffered = () => process.env.APPMAIL_PSEUDO_LOCALE === "1";

/** The language an `Accept-Language` header prefers among ours ("de-CH" is "de"), if any. */
export function fromAcceptLanguage(header: string | null | undefined): ShownLocale | null {
  if (!header) return null;
  const offered: string[] = pseudoLocaleOffered() ? [...LOCALES, PSEUDO_LOCALE] : [...LOCALES];
  const [best] = new Negotiator({ headers: { "accept-language": header } }).languages(offered);
  return (best as ShownLocale | undefined) ?? null;
}

/**
 * The language shown (docs/rules.md, "Languages"): the account's own choice, else the browser's,
 * else the instance default.
 */
export function chooseLocale(choice: {
  account?: string | null;
  acceptLanguage?: string | null;
  instanceDefault?: string | null;
}): ShownLocale {
  if (isLocale(choice.account)) return choice.account;
  const browser = fromAcceptLanguage(choice.acceptLanguage);
  if (browser) return browser;
  return isLocale(choice.instanceDefault) ? choice.instanceDefault : DEFAULT_LOCALE;
}

/** The language of an e-mail: the recipient's own choice, else the instance default. */
export const recipientLocale = (account: string | null, instanceDefault: string | null): Locale =>
  isLocale(account) ? account : isLocale(instanceDefault) ? instanceDefault : DEFAULT_LOCALE;
