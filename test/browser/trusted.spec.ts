import { expect, test } from "../support/admin-fixture";
import { accountPage, dashboardUrl } from "../support/browser-accounts";
import { storedUser, trustedBrowsersOf } from "../support/browser-database";
import {
  newPage,
  signInToVerifyThroughForm,
  signOut,
  verifyUrl,
  verifyWithCode,
  submitSignIn,
} from "../support/sign-in";
import { enrolledAccount, twoFactorSection } from "../support/two-factor";
import { applySettings } from "../support/two-factor-settings";

// docs/rules.md, rule 12: where the admin allows them, "Trust this browser" skips step 2 on that
// browser for the configured days; the token is random, stored hashed, and revocable.

test.describe.configure({ timeout: 90_000 });

test("a trusted browser skips the code step until it is revoked; another browser is still asked", async ({
  adminPage,
  browser,
}) => {
  await applySettings(adminPage, { enabled: true, trustDays: 30 });
  const { context, page } = await newPage(browser);
  const customer = await enrolledAccount(page, "customer", "trusted");
  const userId = String(storedUser(customer.email).id);
  await signOut(page);

  // Step 2 offers the checkbox; ticked, the code trusts this browser.
  await signInToVerifyThroughForm(page, customer);
  await expect(page.getByText("Skip this step on this browser for 30 days.")).toBeVisible();
  await verifyWithCode(page, customer.authenticator, { trustBrowser: true });
  await expect(page).toHaveURL(dashboardUrl("customer"));

  const stored = trustedBrowsersOf(userId);
  expect(stored).toHaveLength(1);
  const cookie = (await context.cookies()).find((c) => c.name.startsWith("appmail-trusted-"));
  expect(cookie, "a trusted-browser cookie is set").toBeDefined();
  expect(cookie!.httpOnly).toBe(true);
  // Only a hash of the token is stored.
  expect(JSON.stringify(stored)).not.toContain(cookie!.value);

  // The same browser signs in again with the password alone.
  await signOut(page);
  await submitSignIn(page, customer.email, customer.password);
  await expect(page).toHaveURL(dashboardUrl("customer"));

  // Another browser is asked for the code.
  const fresh = await newPage(browser);
  await signInToVerifyThroughForm(fresh.page, customer);
  await fresh.context.close();

  // The account page lists the browser; "Revoke" removes it.
  await page.goto(accountPage("customer"));
  const revoke = page.getByRole("button", { name: /^Revoke\b/ });
  await expect(revoke).toHaveCount(1);
  // In the two-factor panel's list (the "Signed-in browsers" section names this browser too).
  await expect(twoFactorSection(page).getByText("Chrome on Linux")).toBeVisible();
  await revoke.click();
  await expect(page.getByText("No browser skips the code step.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Revoke\b/ })).toHaveCount(0);
  expect(trustedBrowsersOf(userId)).toHaveLength(0);

  // The cookie is still in the browser, but it no longer skips the code step.
  await signOut(page);
  await submitSignIn(page, customer.email, customer.password);
  await expect(page).toHaveURL(verifyUrl);
  await context.close();
});

test("with trusted browsers off (0 days) there is no checkbox and a trust cookie skips nothing", async ({
  adminPage,
  browser,
}) => {
  await applySettings(adminPage, { enabled: true, trustDays: 30 });
  const { context, page } = await newPage(browser);
  const customer = await enrolledAccount(page, "customer", "trusted-off");
  await signOut(page);
  await signInToVerifyThroughForm(page, customer);
  await verifyWithCode(page, customer.authenticator, { trustBrowser: true });
  await expect(page).toHaveURL(dashboardUrl("customer"));
  await signOut(page);

  await applySettings(adminPage, { trustDays: 0 });
  await signInToVerifyThroughForm(page, customer);
  await expect(page.getByRole("checkbox", { name: "Trust this browser" })).toHaveCount(0);
  await context.close();
});
