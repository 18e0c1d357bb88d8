import type { Failure, FailureCode } from "@/lib/failures/failure";
import { retryMinutes } from "@/lib/failures/failure";
import { readStoredFailure } from "@/lib/failures/stored-failure";
import { catalogues, type Messages } from "./catalogue";
import type { ShownLocale } from "./locales";
import { translatorFor } from "./translate";

// Every refusal in words, from the `failures` catalogue of one language (words/<locale>/
// failures.json, keyed by its code; docs/architecture.md, "Failures and their words"). English is
// the product's contract: browser tests read its sentences as they stand. Pages, actions and route
// handlers ask `failureSayer()` (failure-words.ts) for their request's language; what answers
// before Next.js names the language of `Accept-Language`; the command line speaks English.

/** A code without a message fails the type-check here (and the catalogues' parity test then
 * asks every language for it). */
export type EveryCodeSaid = Pick<Messages["failures"], FailureCode>;

type Translator = ReturnType<typeof translatorFor<"failures">>;
type Values = Record<string, string | number>;

const translators = new Map<ShownLocale, Translator>();
const translator = (locale: ShownLocale): Translator => {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = translatorFor(locale, "failures")));
  return t;
};

/** The wrong answers that, with `lockMinutes`, also say that they locked the account's codes. */
const WRONG_ANSWERS: ReadonlySet<FailureCode> = new Set<FailureCode>([
  "wrong_password",
  "wrong_code",
  "wrong_password_or_code",
  "wrong_password_or_passkey",
  "passkey_confirmation_missing",
  "recovery_code_wrong",
]);

/** A lock's length, rounded up to minutes: "15 minutes", "1 hour 30 minutes". */
function duration(t: Translator, totalMinutes: number): string {
  if (totalMinutes < 60) return t("parts.minutes", { minutes: totalMinutes });
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes === 0
    ? t("parts.hours", { hours })
    : t("parts.hoursAndMinutes", { hours, minutes });
}

const codesLocked = (t: Translator, minutes: number) =>
  t("codes_locked", { duration: duration(t, minutes) });

/**
 * The values a message takes: the failure's params as text (a number as it is written, "65535"),
 * plus what its words compute from them: minutes to wait, whether the server replied.
 */
function valuesOf(t: Translator, failure: Pick<Failure, "code" | "params">): Values {
  const params = failure.params ?? {};
  const values: Values = Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, String(value)]),
  );
  switch (failure.code) {
    case "too_many_passwords":
    case "sign_in_throttled":
      return { ...values, minutes: retryMinutes(Number(params.retryAfterSeconds)) };
    case "codes_locked":
      return { duration: duration(t, Number(params.minutes)) };
    case "smtp_from_refused":
    case "smtp_recipient_refused":
    case "smtp_message_refused":
      return { reply: "", ...values, replied: params.reply ? "yes" : "no" };
    case "smtp_failed":
      return { code: "", ...values, coded: params.code ? "yes" : "no" };
    default:
      return values;
  }
}

/** A failure in words, in `locale` (English unless named). */
export function sayFailure(
  failure: Pick<Failure, "code" | "params">,
  locale: ShownLocale = "en",
): string {
  const t = translator(locale);
  const words = t(failure.code, valuesOf(t, failure));
  const lockMinutes = failure.params?.lockMinutes;
  if (lockMinutes === undefined || !WRONG_ANSWERS.has(failure.code)) return words;
  return t("parts.wrongAndLocked", {
    refusal: words,
    lock: codesLocked(t, Number(lockMinutes)),
  });
}

/** Whether `code` names a failure the catalogue says (not one of its parts). */
export function isSaidCode(code: string): code is FailureCode {
  const messages: Record<string, unknown> = catalogues.en.failures;
  return code !== "parts" && Object.hasOwn(messages, code) && typeof messages[code] === "string";
}

/** A failure a row stored (`storedFailure`) in words; what an older row holds, as it is. */
export function sayStoredFailure(stored: string, locale: ShownLocale = "en"): string {
  const failure = readStoredFailure(stored);
  return failure && isSaidCode(failure.code) ? sayFailure(failure, locale) : stored;
}
