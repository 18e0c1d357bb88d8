import type { Messages } from "@/words/catalogue";
import type { ShownLocale } from "@/words/locales";

// Keys and ICU arguments of `t(…)` are type-checked against the English catalogue. Both modules:
// next-intl for pages, use-intl's core for `translatorFor` (words/translate.ts), whose import
// otherwise leaves next-intl's `getLocale()` typed as any string.
declare module "next-intl" {
  interface AppConfig {
    Locale: ShownLocale;
    Messages: Messages;
  }
}
declare module "use-intl/core" {
  interface AppConfig {
    Locale: ShownLocale;
    Messages: Messages;
  }
}
