import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "../support/admin-fixture";
import { admin, accountPage, createAccount } from "../support/browser-accounts";
import { PHONE } from "../support/phone-and-keyboard";
import {
  enrollUrl,
  loginPath,
  newPage,
  signInAs,
  signInOverHttp,
  signInToVerify,
  signOut,
  submitSignIn,
  submitVerifyCode,
} from "../support/sign-in";
import { Authenticator, secretFromSetupKey } from "../support/totp";
import {
  enrol,
  enrolledAccount,
  shownRecoveryCodes,
  startSetup,
  submitEnableCode,
  twoFactorSection,
} from "../support/two-factor";
import { applySettings, ensureSettings, NEUTRAL_SETTINGS } from "../support/two-factor-settings";
import { createUserButton, fillNewUserForm, openEditUser } from "../support/users";

// An automated accessibility check (axe-core) of every page of the app, in the states a person
// sees it, at desktop width and at 360 px: no violation of WCAG 2.0 and 2.1, levels A and AA, nor
// of axe's "best-practice" rules (landmarks, one h1, heading order, unique landmark names…), which
// on these pages find real problems and no false positives. What axe cannot judge (keyboard use,
// labels that make sense, announcements) is accessibility.spec.ts's and keyboard.spec.ts's.

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const DESKTOP = { width: 1280, height: 720 };

test.describe.configure({ timeout: 180_000 });

test.beforeAll(async ({ browser }) => {
  await ensureSettings(browser);
});

/** axe's violations on the page as it is now, one readable line block per rule. */
async function violations(page: Page): Promise<string[]> {
  // Legacy mode runs axe.run() in the page itself; the default opens a new page for every check
  // to merge the frames' results (about 1 s of CPU each, most of this spec's time), and the app's
  // pages have no frames.
  const results = await new AxeBuilder({ page }).withTags(TAGS).setLegacyMode().analyze();
  return results.violations.map((violation) =>
    [
      `${violation.id} (${violation.impact ?? "no impact"}): ${violation.help}`,
      `  ${violation.helpUrl}`,
      ...violation.nodes.map(
        (node) =>
          `  at ${node.target.join(" ")}\n    ${(node.failureSummary ?? "").replace(/\n/g, "\n    ")}`,
      ),
    ].join("\n"),
  );
}

/**
 * Checks the page as shown at desktop width, then at 360 px, and goes back to desktop width. Soft:
 * a failing run lists every page's violations, not only the first page's.
 */
async function expectNoViolations(page: Page, what: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  expect.soft(await violations(page), `${what} at ${DESKTOP.width} px`).toEqual([]);
  await page.setViewportSize(PHONE);
  try {
    expect.soft(await violations(page), `${what} at ${PHONE.width} px`).toEqual([]);
  } finally {
    await page.setViewportSize(DESKTOP);
  }
}

/** Opens `path` and checks it. */
async function visitAndCheck(page: Page, path: string, what = path): Promise<void> {
  await page.goto(path);
  await expectNoViolations(page, what);
}

test("signed out: /setup (while there is no admin), /login with and without an error, /login/forgot, a bad reset link, 404", async ({
  page,
}) => {
  // setup.spec.ts created the first admin before this spec: /setup then only redirects.
  await page.goto("/setup");
  if (new URL(page.url()).pathname === "/setup") await expectNoViolations(page, "/setup");
  else await expect(page).toHaveURL(loginPath);

  await visitAndCheck(page, "/login");
  await submitSignIn(page, admin.email, "not the right password");
  await expect(
    page.getByRole("alert").filter({ hasText: "Invalid email or password" }),
  ).toBeVisible();
  await expectNoViolations(page, "/login (wrong password)");

  await visitAndCheck(page, "/login/forgot");
  const badLink = await page.goto("/login/reset/not-a-token");
  expect(badLink?.status()).toBe(404);
  await expectNoViolations(page, "/login/reset/<bad token>");
  await visitAndCheck(page, "/no-such-page", "404 (signed out)");
});

test("an admin: every backend page, the two-factor panel in each state, a refused form, the confirmations, then /login/verify", async ({
  page,
  browser,
}) => {
  // An account with a second factor, so that "Reset two-factor" is on the list whatever ran before.
  const { context, page: other } = await newPage(browser);
  await enrolledAccount(other, "customer", "axe-enrolled");
  await context.close();
  // An admin of its own, so that enrolling it changes nothing for the first admin of other specs.
  const account = await createAccount("admin", "axe");
  await signInAs(page, account, "/backend");
  await expectNoViolations(page, "/backend");
  await visitAndCheck(page, "/backend/users");
  await page.getByRole("button", { name: "Reset two-factor", exact: true }).first().click();
  await expect(page.getByRole("button", { name: "Cancel", exact: true })).toBeVisible();
  await expectNoViolations(page, "/backend/users (confirming Reset two-factor)");
  await visitAndCheck(page, "/backend/users/new");
  await fillNewUserForm(page, { ...account, email: admin.email, role: "Customer" });
  await createUserButton(page).click();
  await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectNoViolations(page, "/backend/users/new (address taken)");

  await openEditUser(page, account.email);
  await expectNoViolations(page, "/backend/users/<id>");
  await page.getByRole("button", { name: "Deactivate", exact: true }).click();
  await expect(page.getByRole("button", { name: "Cancel", exact: true })).toBeVisible();
  await expectNoViolations(page, "/backend/users/<id> (confirming Deactivate)");

  await visitAndCheck(page, "/backend/audit");
  await visitAndCheck(page, "/backend/security");
  await visitAndCheck(page, "/backend/email");
  await visitAndCheck(page, "/backend/settings/2fa");
  await visitAndCheck(page, "/backend/settings/email");
  await visitAndCheck(page, "/backend/settings/general");

  await visitAndCheck(page, accountPage("admin"), "/backend/account (not set up)");
  const authenticator = new Authenticator(secretFromSetupKey(await startSetup(page, account)));
  await expectNoViolations(page, "/backend/account (QR code and setup key)");
  await submitEnableCode(page, account.password, await authenticator.code());
  await shownRecoveryCodes(page);
  await expectNoViolations(page, "/backend/account (recovery codes)");
  await page.getByLabel("I have saved these recovery codes", { exact: true }).check();
  await page.getByRole("button", { name: "Done", exact: true }).click();
  await expect(twoFactorSection(page).getByText("Enabled", { exact: true })).toBeVisible();
  await expectNoViolations(page, "/backend/account (enabled)");
  await page
    .getByRole("button", { name: "Disable two-factor authentication", exact: true })
    .click();
  await expect(page.getByRole("button", { name: "Cancel", exact: true })).toBeVisible();
  await expectNoViolations(page, "/backend/account (confirming Disable)");

  await signOut(page);
  await signInToVerify(page, account);
  await expectNoViolations(page, "/login/verify");
  await submitVerifyCode(page, await authenticator.wrongCode());
  await expect(page.getByLabel("Authentication code", { exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expectNoViolations(page, "/login/verify (wrong code)");
  await page.getByRole("button", { name: "Use a recovery code", exact: true }).click();
  await expect(page.getByLabel("Recovery code", { exact: true })).toBeVisible();
  await expectNoViolations(page, "/login/verify (recovery code)");
});

test("a customer: dashboard, account, 403 and 404, the grace period's banner; /login/enroll where the policy requires 2FA", async ({
  page,
  adminPage,
}) => {
  const account = await createAccount("customer", "axe");
  await signInAs(page, account, "/customer");
  await expectNoViolations(page, "/customer");
  await visitAndCheck(page, accountPage("customer"));
  const forbidden = await page.goto("/backend");
  expect(forbidden?.status()).toBe(403);
  await expectNoViolations(page, "403 (a customer on /backend)");
  await visitAndCheck(page, "/customer/no-such-page", "404 (signed in)");

  // The fixture's admin session stays open to restore the settings (a new admin sign-in under
  // this policy would itself be sent to enrolment); the fixture restores them too if this fails.
  try {
    await applySettings(adminPage, { require: "Everyone", graceDays: 7 });
    await page.goto("/customer");
    await expect(
      page.getByRole("status").filter({ hasText: "Two-factor authentication is required" }),
    ).toBeVisible();
    await expectNoViolations(page, "/customer (grace period banner)");
    await signOut(page);

    await applySettings(adminPage, { graceDays: 0 });
    await submitSignIn(page, account.email, account.password);
    await expect(page).toHaveURL(enrollUrl);
    await expectNoViolations(page, "/login/enroll");
    await page
      .getByRole("button", { name: "Set up two-factor authentication", exact: true })
      .click();
    await expect(page.getByLabel("Setup key", { exact: true })).toHaveText(/\S/);
    await expectNoViolations(page, "/login/enroll (QR code and setup key)");
  } finally {
    await applySettings(adminPage, NEUTRAL_SETTINGS);
  }
});

test("in German: /login with an error, /login/verify with a wrong code, the account page set up and not", async ({
  page: english,
  browser,
}) => {
  // Signed in and enrolled in English (the helpers read English labels), then read in German in a
  // context of its own with the same cookies: Chromium's Accept-Language is the context's locale.
  const account = await createAccount("customer", "axe-de");
  await signInAs(english, account, "/customer");
  const inGerman = async () =>
    (
      await browser.newContext({
        locale: "de-DE",
        storageState: await english.context().storageState(),
      })
    ).newPage();
  let page = await inGerman();
  await visitAndCheck(page, accountPage("customer"), "/customer/account (German, not set up)");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  const { authenticator } = await enrol(english, account);
  page = await inGerman();
  await visitAndCheck(page, accountPage("customer"), "/customer/account (German, enabled)");

  await page.context().clearCookies();
  await visitAndCheck(page, "/login", "/login (German)");
  await page.locator("input[name=email]").fill(account.email);
  await page.locator("input[name=password]").fill("not the right password");
  await page.locator("button[type=submit]").first().click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toBeVisible();
  await expectNoViolations(page, "/login (German, wrong password)");

  await signInOverHttp(page.context(), account);
  await visitAndCheck(page, "/login/verify", "/login/verify (German)");
  await page.locator("input[name=code]").fill(await authenticator.wrongCode());
  await page.locator("input[name=code]").press("Enter");
  await expect(page.locator("input[name=code]")).toHaveAttribute("aria-invalid", "true");
  await expectNoViolations(page, "/login/verify (German, wrong code)");
});
