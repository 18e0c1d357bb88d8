import { expect, test } from "@playwright/test";
import { asAdmin } from "../support/admin-browser";
import { admin, createAccount } from "../support/browser-accounts";
import { signInToVerify, submitRecoveryCode } from "../support/sign-in";
import {
  expectSignedOut,
  signedInBrowser,
  signedInBrowsersSection,
  signOutOthersButton,
  USER_AGENTS,
} from "../support/signed-in-browsers";
import {
  recoveryCodeList,
  shownRecoveryCodes,
  startSetup,
  submitEnableCode,
  twoFactorSection,
} from "../support/two-factor";
import { ensureTwoFactorOn } from "../support/two-factor-settings";
import { Authenticator, secretFromSetupKey } from "../support/totp";
import { openUsersList, userRow } from "../support/users";

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
  // With no other browser, the page's only "Sign out" button is the header's.
  await expect(signOutOthersButton(here)).toHaveCount(0);
  await expect(here.getByRole("button", { name: "Sign out" })).toHaveCount(1);
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

  await openUsersList(adminPage, account.email);
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
    await openUsersList(page, admin.email);
    const own = userRow(page, admin.email);
    await expect(own.getByRole("button", { name: "Sign out everywhere" })).toHaveCount(0);
  });
});

test("after 2FA is enabled or disabled the page offers to sign the others out; a password change already has", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await ensureTwoFactorOn(browser);
  const account = await createAccount("customer", "offer");
  const here = await signedInBrowser(browser, account, "/customer", USER_AGENTS.chrome);
  const other = await signedInBrowser(browser, account, "/customer", USER_AGENTS.firefox);

  // Enabling: beside the recovery codes, one "Sign out all other browsers" on the whole page.
  const authenticator = new Authenticator(secretFromSetupKey(await startSetup(here, account)));
  await submitEnableCode(here, account.password, await authenticator.code());
  const recoveryCodes = await shownRecoveryCodes(here);
  const panel = twoFactorSection(here);
  await expect(panel).toContainText("1 other browser is signed in to your account.");
  await expect(signOutOthersButton(here)).toHaveCount(1);
  await panel.getByRole("button", { name: "Sign out all other browsers", exact: true }).click();
  await expect(
    panel.getByRole("status").filter({ hasText: "Signed out 1 other browser." }),
  ).toBeVisible();
  await expectSignedOut(other, "/customer", true);
  await expect(recoveryCodeList(here)).toBeVisible();
  await here.getByLabel("I have saved these recovery codes", { exact: true }).check();
  await here.getByRole("button", { name: "Done", exact: true }).click();
  await expect(panel.getByText("Enabled", { exact: true })).toBeVisible();
  // The other browser is gone: the section has no "Sign out all other browsers" of its own now.
  await expect(signOutOthersButton(here)).toHaveCount(0);

  // Disabling: the other browser signs in again, then is offered to be ended. It uses a recovery
  // code: the test authenticator has at most three usable steps at a time, two near a step's end
  // (test/support/totp.ts), so a third code here could leave none for the disabling.
  await signInToVerify(other, account);
  await submitRecoveryCode(other, recoveryCodes[0]!);
  await expect(other).toHaveURL(/\/customer(\?|$)/);
  await here.goto("/customer/account");
  await panel
    .getByRole("button", { name: "Disable two-factor authentication", exact: true })
    .click();
  await panel.getByLabel("Current password", { exact: true }).fill(account.password);
  await panel.getByLabel("Authentication code", { exact: true }).fill(await authenticator.code());
  await panel
    .getByRole("button", { name: "Disable two-factor authentication", exact: true })
    .click();
  await expect(panel.getByText("Two-factor authentication is off.")).toBeVisible();
  await expect(signOutOthersButton(here)).toHaveCount(1);
  await panel.getByRole("button", { name: "Sign out all other browsers", exact: true }).click();
  await expectSignedOut(other, "/customer", true);
  await expectSignedOut(here, "/customer/account", false);

  const newPassword = "a new password for offers 9";
  // A password change ends the others itself, and says so instead of offering it.
  const third = await signedInBrowser(browser, account, "/customer", USER_AGENTS.safari);
  await here.goto("/customer/account");
  await here.getByLabel("Current password", { exact: true }).fill(account.password);
  await here.getByLabel("New password", { exact: true }).fill(newPassword);
  await here.getByRole("button", { name: "Change password", exact: true }).click();
  await expect(
    here.getByText("Password changed. Your other browsers were signed out."),
  ).toBeVisible();
  await expect(signedInBrowsersSection(here).getByRole("listitem")).toHaveCount(1);
  await expectSignedOut(third, "/customer", true);

  // With no other browser signed in, a change offers nothing.
  const again = new Authenticator(secretFromSetupKey(await startSetup(here, account)));
  await submitEnableCode(here, newPassword, await again.code());
  await shownRecoveryCodes(here);
  await expect(panel.getByText(/signed in to your account/)).toHaveCount(0);
  await here.getByLabel("I have saved these recovery codes", { exact: true }).check();
  await here.getByRole("button", { name: "Done", exact: true }).click();
  await expect(panel.getByText("Enabled", { exact: true })).toBeVisible();
});
