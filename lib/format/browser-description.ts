import Bowser from "bowser";

/** A browser's name and system from its user agent; null where the agent does not say. */
export type BrowserParts = { browser: string | null; system: string | null };

const UNKNOWN_BROWSER = "Unknown browser";
const UNKNOWN_SYSTEM = "an unknown system";

/**
 * The parts of "Firefox on Windows", from a user agent parsed by bowser (a maintained parser)
 * rather than by patterns of our own; null when there is no user agent at all. The names are
 * product names; the words around them are the page's (docs/rules.md, "Languages").
 */
export function browserParts(userAgent: string | null): BrowserParts | null {
  if (!userAgent) return null;
  const { browser, os } = Bowser.parse(userAgent.slice(0, 512));
  return { browser: browser.name || null, system: os.name || null };
}

/** "Firefox on Windows", in English: how e-mails, the logs and stored rows name a browser. */
export function describeBrowser(userAgent: string | null): string {
  const parts = browserParts(userAgent);
  if (!parts) return UNKNOWN_BROWSER;
  return `${parts.browser ?? UNKNOWN_BROWSER} on ${parts.system ?? UNKNOWN_SYSTEM}`;
}

/**
 * The parts of a description `describeBrowser` wrote and a row kept (a trusted browser), so a page
 * can say it in its own words: null for "Unknown browser", undefined for text it did not write.
 */
export function storedBrowserParts(description: string): BrowserParts | null | undefined {
  if (description === UNKNOWN_BROWSER) return null;
  const match = /^(.+) on (.+)$/.exec(description);
  if (!match) return undefined;
  return {
    browser: match[1] === UNKNOWN_BROWSER ? null : match[1]!,
    system: match[2] === UNKNOWN_SYSTEM ? null : match[2]!,
  };
}
