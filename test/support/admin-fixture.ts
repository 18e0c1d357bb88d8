// The Playwright fixture of the admin-operations specs (policy, admin reset, trusted browsers,
// security log, command-line rescue): import `test` and `expect` from here to get `adminPage`.
import { test as base, expect, type Page } from "@playwright/test";
import { admin } from "./browser-accounts";
import { signInAs } from "./sign-in";
import { ensureSettings } from "./two-factor-settings";

/** Chromium user agents with a marker, so that the security log's entries can be told apart. */
export function userAgent(marker: string): string {
  return (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " +
    `Chrome/130.0.0.0 Safari/537.36 ${marker}`
  );
}
export const ADMIN_USER_AGENT = userAgent("appmail-admin-ops-admin");

/**
 * `adminPage`: the first admin, signed in (under neutral settings) in a context of its own, with
 * a recognisable user agent. The settings are made neutral before the test and restored after
 * it, pass or fail, through that same session (each time only if they are not neutral already): a new admin sign-in under a policy with no grace
 * would be sent to enrolment.
 */
export const test = base.extend<{ adminPage: Page }>({
  adminPage: async ({ browser }, provide) => {
    const context = await browser.newContext({ userAgent: ADMIN_USER_AGENT });
    try {
      const page = await context.newPage();
      await signInAs(page, admin, "/backend");
      await ensureSettings(page);
      await provide(page);
      await ensureSettings(page);
    } finally {
      await context.close();
    }
  },
});
export { expect };
