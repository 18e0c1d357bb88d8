import { expect, test } from "@playwright/test";
import { admin, createAccount } from "../support/browser-accounts";
import { asAdmin } from "../support/sign-in";
import {
  expectSignedOut,
  signedInBrowser,
  signedInBrowsersSection,
  signOutOthersButton,
  USER_AGENTS,
} from "../support/signed-in-browsers";
import { userRow } from "../support/users";

// docs/rules.md, rule 22: every browser signed in to the account is listed, and each ended one
// is sent to /login on its very next request while the current one stays.

test("lists the browsers; ends one, then all the others; the current one stays", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const account = await createAccount("customer", "browsers");
  const here = await signedInBrowser(browser, account, "/customer", USER_AGENTS.chrome);
  const firefox = await signedInBrowser(browser, account, "/customer", USER_AGENTS.firefox);
  const safari = await signedInBrowser(browser, account, "/customer", USER_AGENTS.safari);

  await here.goto("/customer/account");
  const section = signedInBrowsersSection(here);
  const items = section.getByRole("listitem");
  await expect(items).toHaveCount(3);
  const current = items.filter({ hasText: "This browser" });
  await expect(current).toHaveCount(1);
  await expect(current).toContainText("Chrome on Linux");
  await expect(current.getByRole("button")).toHaveCount(0);
  const other = items.filter({ hasText: "Firefox on Windows" });
  await expect(other).toContainText("127.0.0.1");
  await expect(other).toContainText(/Signed in .+ · last active .+/);
  await expect(items.filter({ hasText: "Safari on macOS" })).toHaveCount(1);

  await section.getByRole("button", { name: "Sign out Firefox on Windows", exact: true }).click();
  await expect(items).toHaveCount(2);
  await expectSignedOut(firefox, "/customer", true);
  await expectSignedOut(safari, "/customer", false);
  await expectSignedOut(here, "/customer", false);

  await here.goto("/customer/account");
  await signOutOthersButton(here).click();
  await expect(section.getByRole("status")).toHaveText("Signed out 1 other browser.");
  await expect(items).toHaveCount(1);
  await expectSignedOut(safari, "/customer", true);
  await expectSignedOut(here, "/customer/account", false);
  // Signing in again afterwards works as ever.
  await signedInBrowser(browser, account, "/customer", USER_AGENTS.safari);
});

test("an admin signs an account out everywhere, after a confirmation, and it is audited", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const account = await createAccount("customer", "everywhere");
  const one = await signedInBrowser(browser, account, "/customer", USER_AGENTS.firefox);
  const two = await signedInBrowser(browser, account, "/customer", USER_AGENTS.safari);
  const adminPage = await signedInBrowser(browser, admin, "/backend", USER_AGENTS.chrome);

  await adminPage.goto("/backend/users");
  const row = userRow(adminPage, account.email);
  await row.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  // Nothing happens before the confirmation.
  await expect(row.getByRole("button", { name: "Cancel", exact: true })).toBeVisible();
  await expectSignedOut(one, "/customer", false);
  await row.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  await expect(row.getByRole("status")).toHaveText(`Signed ${account.email} out of 2 browsers.`);

  await expectSignedOut(one, "/customer", true);
  await expectSignedOut(two, "/customer/account", true);
  await expectSignedOut(adminPage, "/backend/users", false);
  await adminPage.goto(`/backend/audit?type=signed_out_everywhere&account=${account.email}`);
  const entries = adminPage.getByRole("row").filter({ hasText: account.email });
  await expect(entries).toHaveCount(1);
  await expect(entries).toContainText("Signed out everywhere");
  await expect(entries).toContainText(`by ${admin.email}`);

  // The admin's own row offers no such button.
  await asAdmin(browser, async (page) => {
    await page.goto("/backend/users");
    const own = userRow(page, admin.email);
    await expect(own.getByRole("button", { name: "Sign out everywhere" })).toHaveCount(0);
  });
});
