// The account pages' "Signed-in browsers" section, and browsers that say which they are.
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { signInAs } from "./sign-in";

/** User agents the section names "Chrome on Linux", "Firefox on Windows", "Safari on macOS". */
export const USER_AGENTS = {
  chrome:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  firefox: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
  safari:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
} as const;

/** A new browser context with `userAgent`, signed in as `account`. */
export async function signedInBrowser(
  browser: Browser,
  account: { email: string; password: string },
  path: "/backend" | "/customer",
  userAgent: string,
): Promise<Page> {
  const context = await browser.newContext({ userAgent });
  const page = await context.newPage();
  await signInAs(page, account, path);
  return page;
}

export function signedInBrowsersSection(page: Page): Locator {
  return page.getByRole("region", { name: "Signed-in browsers", exact: true });
}

export function signOutOthersButton(page: Page): Locator {
  return page.getByRole("button", { name: "Sign out all other browsers", exact: true });
}

/** The next request of a browser whose sign-in ended lands on /login; a live one stays. */
export async function expectSignedOut(page: Page, path: string, signedOut: boolean) {
  await page.goto(path);
  if (signedOut) await expect(page).toHaveURL(/\/login(\?.*)?$/);
  else await expect(page).toHaveURL(new RegExp(`${path}$`));
}
