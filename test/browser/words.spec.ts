import type { Page } from "@playwright/test";
import { expect, test } from "../support/admin-fixture";
import { accountPage, createAccount } from "../support/browser-accounts";
import { auditEventsAbout, recoveryCodeCount, storedUser } from "../support/browser-database";
import { runAppmail } from "../support/cli";
import { alertWith } from "../support/observe";
import {
  enrollUrl,
  newPage,
  signInToVerify,
  signOut,
  submitSignIn,
  submitVerifyCode,
} from "../support/sign-in";
import { enrolledAccount, enrolledWithoutBrowser, twoFactorSection } from "../support/two-factor";
import { applySettings, ensureTwoFactorOn } from "../support/two-factor-settings";
import { openUsersList, userRow } from "../support/users";

// the words on the screen say what the screen does.

test.describe.configure({ timeout: 90_000 });

test.beforeAll(async ({ browser }) => {
  await ensureTwoFactorOn(browser);
});

const CODE_WORDS = /Enter the 6-digit code/;
const RECOVERY_WORDS = /Enter one of your recovery codes/;

test("/login/verify: 'Use a recovery code' asks for a recovery code, not the 6-digit code, and switching back asks for the code again", async ({
  page,
}) => {
  const account = await enrolledWithoutBrowser("customer", "words-verify");
  await signInToVerify(page, account);
  const main = page.getByRole("main");
  await expect(main.getByText(CODE_WORDS)).toBeVisible();
  await expect(main.getByText(RECOVERY_WORDS)).toHaveCount(0);

  await page.getByRole("button", { name: "Use a recovery code", exact: true }).click();
  await expect(page.getByLabel("Recovery code", { exact: true })).toBeVisible();
  await expect(main.getByText(RECOVERY_WORDS)).toBeVisible();
  await expect(main.getByText(CODE_WORDS)).toHaveCount(0);

  await page.getByRole("button", { name: "Use an authentication code", exact: true }).click();
  await expect(page.getByLabel("Authentication code", { exact: true })).toBeVisible();
  await expect(main.getByText(CODE_WORDS)).toBeVisible();
  await expect(main.getByText(RECOVERY_WORDS)).toHaveCount(0);
});

test("the 'Reset two-factor' confirmation names what goes: the authenticator app, recovery codes and passkeys, and that the password alone signs in next", async ({
  adminPage,
  page,
}) => {
  const account = await enrolledAccount(page, "customer", "words-reset");
  await openUsersList(adminPage, account.email);
  const row = userRow(adminPage, account.email);
  await row.getByRole("button", { name: "Reset two-factor", exact: true }).click();
  const question = row.getByText(`Reset two-factor authentication for ${account.email}?`);
  await expect(question).toBeVisible();
  await expect(question).toContainText("authenticator app");
  await expect(question).toContainText("recovery codes");
  await expect(question).toContainText("passkeys");
  await expect(question).toContainText("password alone");
  await row.getByRole("button", { name: "Cancel", exact: true }).click();
  expect(storedUser(account.email).totpEnabledAt).not.toBeNull();
});

test("an account with nothing to reset is offered no 'Reset two-factor', and a reset confirmed after its factors went changes nothing", async ({
  adminPage,
  page,
}) => {
  const plain = await createAccount("customer", "words-nothing");
  await openUsersList(adminPage, plain.email);
  const plainRow = userRow(adminPage, plain.email);
  await expect(plainRow.getByText("No second factor", { exact: true })).toBeVisible();
  await expect(plainRow.getByRole("button", { name: "Reset two-factor" })).toHaveCount(0);
  await expect(plainRow.getByRole("button", { name: "Sign out everywhere" })).toHaveCount(1);

  // The page was read while the account had a factor; the command line reset it since.
  const account = await enrolledAccount(page, "customer", "words-gone");
  await openUsersList(adminPage, account.email);
  const row = userRow(adminPage, account.email);
  await row.getByRole("button", { name: "Reset two-factor", exact: true }).click();
  expect((await runAppmail(["user:reset-2fa", "--email", account.email])).exitCode).toBe(0);
  const before = storedUser(account.email);
  const resets = auditEventsAbout(String(before.id), "two_factor_reset").length;
  await row.getByRole("button", { name: "Reset two-factor", exact: true }).click();
  await expect(
    alertWith(adminPage, `${account.email} has no second factor to reset.`),
  ).toBeVisible();
  expect(storedUser(account.email)).toEqual(before);
  expect(auditEventsAbout(String(before.id), "two_factor_reset")).toHaveLength(resets);
  expect(recoveryCodeCount(String(before.id))).toBe(0);
});

test("/login/enroll says an authenticator app or a passkey will do, and only the app when passkeys are not allowed", async ({
  adminPage,
  browser,
}) => {
  await applySettings(adminPage, { require: "Everyone", graceDays: 0 });
  const customer = await createAccount("customer", "words-enroll");
  const { context, page } = await newPage(browser);
  await submitSignIn(page, customer.email, customer.password);
  await expect(page).toHaveURL(enrollUrl);
  const main = page.getByRole("main");
  await expect(main.getByText(/an authenticator app or a passkey/i)).toBeVisible();

  await applySettings(adminPage, { passkeys: false });
  await page.reload();
  await expect(page).toHaveURL(enrollUrl);
  await expect(main.getByText(/authenticator app/i).first()).toBeVisible();
  await expect(main.getByText(/passkey/i)).toHaveCount(0);
  await context.close();
});

/** How many times `text` is written on the page (visible text only). */
async function timesShown(page: Page, text: string): Promise<number> {
  return page.getByText(text, { exact: true }).filter({ visible: true }).count();
}

test("a wrong password or code is said once, announced once and tied to both fields; a wrong code at /login/verify once too", async ({
  page,
}) => {
  const account = await enrolledAccount(page, "customer", "words-once");
  await page.goto(accountPage("customer"));
  const panel = twoFactorSection(page);
  await panel.getByRole("button", { name: "Disable two-factor authentication" }).click();
  const password = panel.getByLabel("Current password", { exact: true });
  const code = panel.getByLabel("Authentication code", { exact: true });
  await password.fill("not my password 123");
  await code.fill(await account.authenticator.peek());
  await panel.getByRole("button", { name: "Disable two-factor authentication" }).click();
  const wrong = "Your password or code is not valid.";
  await expect(alertWith(page, wrong)).toHaveCount(1);
  await expect.poll(() => timesShown(page, wrong)).toBe(1);
  for (const field of [password, code]) {
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(wrong);
  }

  await page.goto(accountPage("customer"));
  await signOut(page);
  await signInToVerify(page, account);
  await submitVerifyCode(page, await account.authenticator.wrongCode());
  const field = page.getByLabel("Authentication code", { exact: true });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  const message = (
    await field.evaluate((input) => {
      const ids = (input.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
      return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
    })
  ).trim();
  expect(message).toMatch(/not valid/);
  await expect(alertWith(page, message)).toHaveCount(1);
  await expect.poll(() => timesShown(page, message)).toBe(1);
});
