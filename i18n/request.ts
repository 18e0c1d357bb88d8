import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings/settings";
import { messagesFor } from "@/words/catalogue";
import { chooseLocale } from "@/words/locales";

// next-intl's configuration for each request (docs/architecture.md, "Languages"): no locale in
// the URL; the language is the account's own choice, else the browser's, else the instance
// default. Server components, actions and route handlers read it with `getTranslations`.

export default getRequestConfig(async () => {
  // The session first: its statement tells the settings read whether this process's copy holds.
  const session = await getSession();
  const [settings, requestHeaders] = await Promise.all([getSettings(), headers()]);
  const locale = chooseLocale({
    account: session?.user.language,
    acceptLanguage: requestHeaders.get("accept-language"),
    instanceDefault: settings.defaultLanguage,
  });
  return { locale, messages: messagesFor(locale), timeZone: "UTC" };
});
