// The security log's words as keys of the `securityLog` catalogue (words/<locale>/securityLog.json)
// with their values, said by the page in the reader's language (docs/architecture.md,
// "Languages"): lib/ keeps no English for screens.

/** A message of the `securityLog` catalogue; a value may be another message, said first. */
export type Phrase = { key: string; values?: Record<string, PhraseValue> };
export type PhraseValue = string | number | Phrase;

/** What the log shows: a phrase, or text shown as stored (an email, an unknown event type). */
export type Words = string | Phrase;

/** One line of the "Details" column: its phrases, written one after another with a space. */
export type DetailLine = Phrase[];

export const phrase = (key: string, values?: Record<string, PhraseValue>): Phrase =>
  values ? { key, values } : { key };

/** A translator of the `securityLog` namespace: `getTranslations("securityLog")`, `translatorFor`. */
export type SecurityLogTranslate = (
  key: string,
  values?: Record<string, string | number>,
) => string;

/** Words in the translator's language. */
export function say(t: SecurityLogTranslate, words: Words): string {
  if (typeof words === "string") return words;
  if (!words.values) return t(words.key);
  const values = Object.fromEntries(
    Object.entries(words.values).map(([name, value]) => [
      name,
      typeof value === "object" ? say(t, value) : value,
    ]),
  );
  return t(words.key, values);
}

/** A line of details in words. */
export const sayLine = (t: SecurityLogTranslate, line: DetailLine) =>
  line.map((part) => say(t, part)).join(" ");
