import type { Page } from "@playwright/test";
import { expect, test } from "../support/admin-fixture";
import { createAccount, dashboardUrl } from "../support/browser-accounts";
import { loginPath, newPage, signOut, submitVerifyCode, verifyUrl } from "../support/sign-in";
import { enrolHere, enrolledWithoutBrowser } from "../support/two-factor";
import { applySettings, COMPANY_NAME, ensureTwoFactorOn } from "../support/two-factor-settings";

// docs/rules.md, rule 30: signing in returns to the page first asked for when it is a path of
// this app in the account's own area, through both steps; never to another origin, never to the
// other audience's area.

test.beforeAll(async ({ browser }) => {
  await ensureTwoFactorOn(browser, COMPANY_NAME);
});

/** Fills /login as it stands (with whatever it carries) and presses "Sign in". */
async function passwordStep(page: Page, account: { email: string; password: string }) {
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

for (const [role, asked] of [
  ["admin", "/backend/audit"],
  ["customer", "/customer/account"],
] as const) {
  test(`a deep link to ${asked} opened signed out returns there after the password and the code (${role} with 2FA)`, async ({
    page,
  }) => {
    const account = await enrolledWithoutBrowser(role, `deep-${role}`);

    await page.goto(asked);
    await expect(page).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(asked)}$`));
    await passwordStep(page, account);
    await expect(page).toHaveURL(verifyUrl);
    await expect(page).toHaveURL(new RegExp(`next=${encodeURIComponent(asked)}`));
    await submitVerifyCode(page, await account.authenticator.code());
    await expect(page).toHaveURL(new RegExp(`${asked}$`));
  });
}

test("another origin, a scheme or the other audience's area lands on the dashboard", async ({
  page,
}) => {
  const customer = await createAccount("customer", "evil-next");
  const variants = [
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "%2F%2Fevil.example",
    "javascript:alert(1)",
    "/backend/audit",
    "/customer/..%2F..%2F%2Fevil.example",
  ];
  for (const variant of variants) {
    for (const query of [encodeURIComponent(variant), variant]) {
      await page.goto(`/login?next=${query}`);
      await passwordStep(page, customer);
      await expect(page, `next=${query}`).toHaveURL(dashboardUrl("customer"));
      expect(new URL(page.url()).hostname).toBe("localhost");
      await signOut(page);
      await expect(page).toHaveURL(loginPath);
    }
  }
  // The customer's own deep link still works, without a second factor.
  await page.goto("/customer/account");
  await passwordStep(page, customer);
  await expect(page).toHaveURL(/\/customer\/account$/);
});

test("a deep link returns there after the password and an enrolment that the policy forces", async ({
  adminPage,
  browser,
}) => {
  await applySettings(adminPage, { enabled: true, require: "Everyone", graceDays: 0 });
  const customer = await createAccount("customer", "deep-enrol");
  const { context, page } = await newPage(browser);
  await page.goto("/customer/account");
  await expect(page).toHaveURL(/\/login\?next=%2Fcustomer%2Faccount$/);
  await passwordStep(page, customer);
  await expect(page).toHaveURL(/\/login\/enroll\?next=%2Fcustomer%2Faccount$/);
  await enrolHere(page, customer.password);
  await expect(page).toHaveURL(/\/customer\/account$/);
  await context.close();
});
