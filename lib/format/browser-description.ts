import Bowser from "bowser";

/**
 * "Firefox on Windows": how the account pages name a browser, from its user agent, parsed by
 * bowser (a maintained parser) rather than by patterns of our own.
 */
export function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const { browser, os } = Bowser.parse(userAgent.slice(0, 512));
  const name = browser.name || "Unknown browser";
  return `${name} on ${os.name || "an unknown system"}`;
}
