import "server-only";
import { deviceCookieName, trustedBrowserCookieName } from "@/lib/auth/cookie-names";
import { deviceCookieIsRecent } from "@/lib/auth/device-cookies";
import type { db } from "@/lib/db/client";
import { trustedBrowserIsLive } from "@/lib/two-factor/trusted-browsers";

// Whether a browser is one the account knows (docs/rules.md, rule 35): it signed in to the account
// within 90 days (its device cookie says when) or the account trusts it. A sign-in from any other
// browser sends the new-browser notice when it completes.

/** Reads one of the browser's cookies by name. */
export type CookieReader = (name: string) => string | undefined;

export async function isKnownBrowser(
  reader: Pick<typeof db, "trustedBrowser">,
  userId: string,
  cookie: CookieReader,
  now: Date,
): Promise<boolean> {
  if (deviceCookieIsRecent(userId, cookie(deviceCookieName(userId)), now)) return true;
  return trustedBrowserIsLive(reader, userId, cookie(trustedBrowserCookieName(userId)), now);
}
