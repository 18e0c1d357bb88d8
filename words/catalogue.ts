import enCommon from "./en/common.json";
import enLogin from "./en/login.json";
import enAccount from "./en/account.json";
import enAdmin from "./en/admin.json";
import enEmails from "./en/emails.json";
import enFailures from "./en/failures.json";
import enSecurityLog from "./en/securityLog.json";
import deCommon from "./de/common.json";
import deLogin from "./de/login.json";
import deAccount from "./de/account.json";
import deAdmin from "./de/admin.json";
import deEmails from "./de/emails.json";
import deFailures from "./de/failures.json";
import deSecurityLog from "./de/securityLog.json";
import frCommon from "./fr/common.json";
import frLogin from "./fr/login.json";
import frAccount from "./fr/account.json";
import frAdmin from "./fr/admin.json";
import frEmails from "./fr/emails.json";
import frFailures from "./fr/failures.json";
import frSecurityLog from "./fr/securityLog.json";
import esCommon from "./es/common.json";
import esLogin from "./es/login.json";
import esAccount from "./es/account.json";
import esAdmin from "./es/admin.json";
import esEmails from "./es/emails.json";
import esFailures from "./es/failures.json";
import esSecurityLog from "./es/securityLog.json";
import type { Locale, ShownLocale } from "./locales";
import { pseudoMessages } from "./pseudo";

// Every language's words, one file per part of the product (docs/architecture.md, "Languages"):
// `common` (header, navigation, shared controls), `login` (the public pages), `account` (the
// account pages), `admin` (the backend), `emails` (notices), `failures` (every refusal, by its
// code) and `securityLog` (events as the logs show them). English is the reference: each other
// catalogue has the same keys with the same ICU arguments (words/catalogues.test.ts).

const en = {
  common: enCommon,
  login: enLogin,
  account: enAccount,
  admin: enAdmin,
  emails: enEmails,
  failures: enFailures,
  securityLog: enSecurityLog,
};

/** English's shape: every catalogue has it (a missing key fails the type-check), and `t("…")` is
 * checked against it. */
export type Messages = typeof en;

export const catalogues: Record<Locale, Messages> = {
  en,
  de: {
    common: deCommon,
    login: deLogin,
    account: deAccount,
    admin: deAdmin,
    emails: deEmails,
    failures: deFailures,
    securityLog: deSecurityLog,
  },
  fr: {
    common: frCommon,
    login: frLogin,
    account: frAccount,
    admin: frAdmin,
    emails: frEmails,
    failures: frFailures,
    securityLog: frSecurityLog,
  },
  es: {
    common: esCommon,
    login: esLogin,
    account: esAccount,
    admin: esAdmin,
    emails: esEmails,
    failures: esFailures,
    securityLog: esSecurityLog,
  },
};

/** The namespaces, as the catalogues list them. */
export const NAMESPACES = Object.keys(catalogues.en) as (keyof Messages)[];

let pseudo: Messages | null = null;

/** A language's messages; the pseudo-locale's are made from English once. */
export function messagesFor(locale: ShownLocale): Messages {
  if (locale !== "en-XA") return catalogues[locale];
  pseudo ??= pseudoMessages(catalogues.en) as Messages;
  return pseudo;
}
