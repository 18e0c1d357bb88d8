import "server-only";
import { getTranslations } from "next-intl/server";
import {
  browserParts,
  storedBrowserParts,
  type BrowserParts,
} from "@/lib/format/browser-description";

/**
 * Browsers named in the request's language: "Firefox unter Windows". The names are products'; the
 * words between and for what is unknown are the page's (docs/rules.md, "Languages").
 */
export async function browserNames() {
  const t = await getTranslations("account.browsers");
  const say = (parts: BrowserParts | null) =>
    parts
      ? t("described", {
          browser: parts.browser ?? t("unknownBrowser"),
          system: parts.system ?? t("unknownSystem"),
        })
      : t("unknownBrowser");
  return {
    /** A browser from its user agent. */
    fromUserAgent: (userAgent: string | null) => say(browserParts(userAgent)),
    /** A description a row kept in English; text it cannot read is shown as it is. */
    fromStored: (description: string) => {
      const parts = storedBrowserParts(description);
      return parts === undefined ? description : say(parts);
    },
  };
}
