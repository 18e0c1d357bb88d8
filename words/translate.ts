// use-intl/core is next-intl's formatter without React (next-intl re-exports it): the command line
// and the outbox sender run under the react-server condition, where next-intl's entry fails to load.
import { createTranslator } from "use-intl/core";
import { messagesFor, type Messages } from "./catalogue";
import type { ShownLocale } from "./locales";

// Words outside a page's request (e-mails written to the outbox, the command line, tests): the
// same catalogues as the pages' `getTranslations`, for a language named explicitly.

export type Namespace = keyof Messages;

/** `t(key, values)` for one namespace of one language's catalogue. */
export function translatorFor<N extends Namespace>(locale: ShownLocale, namespace: N) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace });
}
