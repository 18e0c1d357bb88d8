import type { Page } from "@playwright/test";
import { expect, test } from "../support/admin-fixture";
import { accountPage, createAccount, dashboardUrl } from "../support/browser-accounts";
import { storedUser } from "../support/browser-database";
import { enrollUrl, newPage, submitSignIn } from "../support/sign-in";
import { enrolHere, twoFactorSection } from "../support/two-factor";
import { applySettings } from "../support/two-factor-settings";

// docs/rules.md, rule 8: "Require two-factor authentication for" Admins or Everyone sends an account
// in scope without 2FA to /login/enroll after step 1, after the grace period; until then a banner
// counts the days down. Each test sets the policy it needs; the `adminPage` fixture restores the
// neutral settings (2FA on, Nobody, trust 0) afterwards.

const GRACE_BANNER = /Two-factor authentication is required for your account/;

test.describe.configure({ timeout: 90_000 });

test("policy Everyone with no grace period: enrolment first, every page leads back to it, then the dashboard", async ({
  adminPage,
  browser,
}) => {
  await applyPolicy(adminPage, "Everyone", 0);
  const customer = await createAccount("customer", "policy-now");
  const { context, page } = await newPage(browser);

  await submitSignIn(page, customer.email, customer.password);
  await expect(page).toHaveURL(enrollUrl);
  await expect(
    page.getByRole("heading", { name: "Two-factor authentication", exact: true }),
  ).toBeVisible();

  for (const path of ["/customer", "/customer/account", "/backend", "/login/verify"]) {
    await page.goto(path);
    await expect(page, `${path} must lead back to enrolment`).toHaveURL(enrollUrl);
  }
  expect(storedUser(customer.email).totpEnabledAt).toBeNull();

  await enrolHere(page, customer.password);
  await expect(page).toHaveURL(dashboardUrl("customer"));
  expect(storedUser(customer.email).totpEnabledAt).not.toBeNull();

  // The sign-in is complete now: the account page is reachable and shows 2FA enabled.
  await page.goto(accountPage("customer"));
  await expect(page).toHaveURL(/\/customer\/account$/);
  await expect(twoFactorSection(page).getByText("Enabled", { exact: true })).toBeVisible();
  await expect(page.getByText(GRACE_BANNER)).toHaveCount(0);
  await context.close();
});

test("policy Everyone with a grace period of 3 days: the dashboard, with a banner counting 3 days that links to the account page", async ({
  adminPage,
  browser,
}) => {
  await applyPolicy(adminPage, "Everyone", 3);
  const customer = await createAccount("customer", "policy-grace");
  const { context, page } = await newPage(browser);

  await submitSignIn(page, customer.email, customer.password);
  await expect(page).toHaveURL(dashboardUrl("customer"));
  const banner = page.getByRole("status").filter({ hasText: GRACE_BANNER });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("within 3 days");
  expect(storedUser(customer.email).twoFactorRequiredAt).not.toBeNull();

  const link = banner.getByRole("link");
  await expect(link).toHaveAttribute("href", "/customer/account");
  await link.click();
  await expect(page).toHaveURL(/\/customer\/account$/);
  // The banner is on every page, the account page too, and the set-up is offered there.
  await expect(page.getByRole("status").filter({ hasText: GRACE_BANNER })).toContainText(
    "within 3 days",
  );
  await expect(
    page.getByRole("button", { name: "Set up two-factor authentication", exact: true }),
  ).toBeVisible();
  await context.close();
});

test("policy Admins leaves customers alone (no banner, no enrolment) and sends a new admin to enrolment", async ({
  adminPage,
  browser,
}) => {
  await applyPolicy(adminPage, "Admins", 0);
  const customer = await createAccount("customer", "policy-admins");
  const { context, page } = await newPage(browser);

  await submitSignIn(page, customer.email, customer.password);
  await expect(page).toHaveURL(dashboardUrl("customer"));
  await expect(page.getByText(GRACE_BANNER)).toHaveCount(0);
  await page.goto(accountPage("customer"));
  await expect(page).toHaveURL(/\/customer\/account$/);
  await expect(page.getByText(GRACE_BANNER)).toHaveCount(0);
  const stored = storedUser(customer.email);
  expect(stored.totpEnabledAt).toBeNull();
  expect(stored.twoFactorRequiredAt).toBeNull();
  await context.close();

  // The same policy is in force for admins: a new admin is sent to enrolment.
  const newAdmin = await createAccount("admin", "policy-admins");
  const second = await newPage(browser);
  await submitSignIn(second.page, newAdmin.email, newAdmin.password);
  await expect(second.page).toHaveURL(enrollUrl);
  await second.page.goto("/backend");
  await expect(second.page).toHaveURL(enrollUrl);
  await second.context.close();
});

async function applyPolicy(adminPage: Page, require: "Everyone" | "Admins", graceDays: number) {
  await applySettings(adminPage, { enabled: true, require, graceDays });
}
