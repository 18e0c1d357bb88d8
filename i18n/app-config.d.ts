import type { Messages } from "@/words/catalogue";
import type { ShownLocale } from "@/words/locales";

// Keys and ICU arguments of `t(…)` are type-checked against the English catalogue.
declare module "next-intl" {
  interface AppConfig {
    Locale: ShownLocale;
    Messages: Messages;
  }
}
