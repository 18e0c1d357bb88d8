// The first admin's browser: one context per Playwright worker, signed in once and reused, with
// a new page for each piece of work. A fresh context costs a renderer process and a sign-in,
// about 2 s of CPU on this project's 2-core machines, and most specs want the admin only to
// change a setting or to look at a page (test/support/README.md, "What a browser spec costs").
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { admin } from "./browser-accounts";
import { signInAs } from "./sign-in";

/** Chromium user agents with a marker, so that the security log's entries can be told apart. */
export function userAgent(marker: string): string {
  return (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " +
    `Chrome/130.0.0.0 Safari/537.36 ${marker}`
  );
}

export const ADMIN_USER_AGENT = userAgent("appmail-admin-ops-admin");

const contexts = new WeakMap<Browser, Promise<BrowserContext>>();

/**
 * A new page in the admin's browser, on /backend. The session is reused while it lasts; a test
 * that ended it (a sign-out, an admin's "Sign out everywhere") only costs the next one a sign-in.
 */
export async function openAdminPage(browser: Browser): Promise<Page> {
  let context = contexts.get(browser);
  if (!context) {
    // English whatever the spec's own `locale`: the helpers read the English labels, and the
    // context outlives the spec that made it (docs/rules.md, "Languages").
    context = browser.newContext({ userAgent: ADMIN_USER_AGENT, locale: "en-US" });
    contexts.set(browser, context);
  }
  const page = await (await context).newPage();
  await page.goto("/backend");
  if (new URL(page.url()).pathname !== "/backend") await signInAs(page, admin, "/backend");
  return page;
}

/** Runs `work` with a page signed in as the first admin, and closes the page after. */
export async function asAdmin<T>(browser: Browser, work: (page: Page) => Promise<T>): Promise<T> {
  const page = await openAdminPage(browser);
  try {
    return await work(page);
  } finally {
    await page.close();
  }
}
