import type { Messages } from "@/words/catalogue";
import type { ShownLocale } from "@/words/locales";

// Keys and ICU arguments of `t(…)` are type-checked against the English catalogue.
declare module "next-intl" {
  interface AppConfig {
    Locale: ShownLocale;
    Messages: Messages;
  }
}

// The same for use-intl, whose formatter words/translate.ts imports without next-intl's React
// entry (next-intl re-exports it): once it is imported by name, its AppConfig must say so too.
declare module "use-intl" {
  interface AppConfig {
    Locale: ShownLocale;
    Messages: Messages;
  }
}
