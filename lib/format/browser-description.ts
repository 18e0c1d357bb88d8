import Bowser from "bowser";

/** A browser's name and system from its user agent; null where the agent does not say. */
export type BrowserParts = { browser: string | null; system: string | null };

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

/** "Firefox on Windows", in English: how e-mails and the logs name a browser. */
export function describeBrowser(userAgent: string | null): string {
  const parts = browserParts(userAgent);
  if (!parts) return "Unknown browser";
  return `${parts.browser ?? "Unknown browser"} on ${parts.system ?? "an unknown system"}`;
}
