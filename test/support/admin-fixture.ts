// The Playwright fixture of the admin-operations specs (policy, admin reset, trusted browsers,
// security log, command-line rescue): import `test` and `expect` from here to get `adminPage`.
import { test as base, expect, type Page } from "@playwright/test";
import { openAdminPage } from "./admin-browser";
import { ensureSettings } from "./two-factor-settings";

export { ADMIN_USER_AGENT, userAgent } from "./admin-browser";

/**
 * `adminPage`: a page of the first admin, signed in (under neutral settings) in the admin's
 * browser of this worker (admin-browser.ts), with a recognisable user agent. The settings are made
 * neutral before the test and restored after it, pass or fail (each time only if they are not
 * neutral already): a new admin sign-in under a policy with no grace would be sent to enrolment.
 */
export const test = base.extend<{ adminPage: Page }>({
  adminPage: async ({ browser }, provide) => {
    await ensureSettings(browser);
    const page = await openAdminPage(browser);
    try {
      await provide(page);
    } finally {
      await page.close();
    }
    await ensureSettings(browser);
  },
});
export { expect };
