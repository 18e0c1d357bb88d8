import { expect, test, type Locator, type Page } from "@playwright/test";
import { asAdmin } from "../support/admin-browser";
import { admin, accountPage, createAccount, dashboardUrl } from "../support/browser-accounts";
import { alertWith } from "../support/observe";
import { expectUsableOnPhoneByKeyboard, PHONE } from "../support/phone-and-keyboard";
import {
  loginPath,
  signInAs,
  submitSignIn,
  signInToVerify,
  submitRecoveryCode,
  submitVerifyCode,
  verifyUrl,
} from "../support/sign-in";
import { Authenticator, secretFromSetupKey } from "../support/totp";
import {
  enrolledWithoutBrowser,
  shownRecoveryCodes,
  spaced,
  startSetup,
  submitEnableCode,
  twoFactorSection,
} from "../support/two-factor";
import { applySettings, NEUTRAL_SETTINGS, ensureTwoFactorOn } from "../support/two-factor-settings";

// docs/rules.md, rule 16: every page works on a 360-pixel-wide phone screen and with the keyboard
// alone; every field has a visible label; errors are announced (role="alert" or aria-live) and
// tied to their field; the code field accepts a paste of "123 456".

test.use({ viewport: PHONE });
test.describe.configure({ timeout: 90_000 });

test.beforeAll(async ({ browser }) => {
  await ensureTwoFactorOn(browser);
});

async function visit(page: Page, path: string, heading?: string): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(new RegExp(`${path}(\\?.*)?$`));
  if (heading)
    await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
}

/** Presses Tab from wherever focus is until `target` has it. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let press = 0; press < 40; press++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error("Tab never reached the field");
}

/**
 * The error is announced (an alert) and tied to `field`: the field's description, read out when
 * it has focus, carries the same message, from text shown on the page.
 */
async function expectErrorTiedToField(page: Page, field: Locator, message: RegExp): Promise<void> {
  const alert = alertWith(page, message);
  await expect(alert).toBeVisible();
  const text = (await alert.innerText()).trim();
  await expect(field).toHaveAccessibleDescription(new RegExp(escapeRegExp(text)));
  const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
  for (const id of describedBy.split(/\s+/).filter(Boolean)) {
    await expect(page.locator(`#${id}`), `#${id} describes the field and is shown`).toBeVisible();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

test("at 360 px and by keyboard: /login and both forms of /login/verify", async ({ page }) => {
  await visit(page, "/login");
  await expect(page.getByLabel("Email", { exact: true })).toBeVisible();
  await expectUsableOnPhoneByKeyboard(page, "/login");

  const account = await enrolledWithoutBrowser("customer", "a11y-pending");

  await signInToVerify(page, account);
  await expectUsableOnPhoneByKeyboard(page, "/login/verify");
  await page.getByRole("button", { name: "Use a recovery code", exact: true }).click();
  await expect(page.getByLabel("Recovery code", { exact: true })).toBeVisible();
  await expectUsableOnPhoneByKeyboard(page, "/login/verify (recovery code)");
});

test("at 360 px and by keyboard: every backend page of an admin", async ({ page }) => {
  await signInAs(page, admin, "/backend");
  await expectUsableOnPhoneByKeyboard(page, "/backend");
  await visit(page, "/backend/users", "Users");
  await expectUsableOnPhoneByKeyboard(page, "/backend/users");
  await visit(page, "/backend/users/new");
  await expect(page.getByLabel("Role", { exact: true })).toBeVisible();
  await expectUsableOnPhoneByKeyboard(page, "/backend/users/new");
  await visit(page, "/backend/settings/2fa", "Two-factor authentication");
  await expectUsableOnPhoneByKeyboard(page, "/backend/settings/2fa");
  await visit(page, "/backend/audit");
  await expectUsableOnPhoneByKeyboard(page, "/backend/audit");
  await visit(page, "/backend/settings/email", "E-mail");
  await expectUsableOnPhoneByKeyboard(page, "/backend/settings/email");
  await visit(page, "/backend/settings/general", "General");
  await expectUsableOnPhoneByKeyboard(page, "/backend/settings/general");
  await visit(page, "/backend/email", "Outbox");
  await expectUsableOnPhoneByKeyboard(page, "/backend/email");
  await visit(page, "/backend/account", "Two-factor authentication");
  await expectUsableOnPhoneByKeyboard(page, "/backend/account");
});

test("at 360 px and by keyboard: the customer pages, with the two-factor panel in each of its states", async ({
  page,
}) => {
  const account = await createAccount("customer", "a11y-panel");
  await signInAs(page, account, "/customer");
  await expectUsableOnPhoneByKeyboard(page, "/customer");
  await visit(page, accountPage("customer"), "Two-factor authentication");
  await expectUsableOnPhoneByKeyboard(page, "/customer/account (not set up)");

  const authenticator = new Authenticator(secretFromSetupKey(await startSetup(page, account)));
  await expectUsableOnPhoneByKeyboard(page, "/customer/account (QR code and setup key)");
  await submitEnableCode(page, account.password, await authenticator.wrongCode());
  await expectErrorTiedToField(
    page,
    page.getByLabel("Authentication code", { exact: true }),
    /code is not valid/,
  );
  await expectUsableOnPhoneByKeyboard(page, "/customer/account (wrong code)");

  await submitEnableCode(page, account.password, await authenticator.code());
  await shownRecoveryCodes(page);
  await expectUsableOnPhoneByKeyboard(page, "/customer/account (recovery codes)");
  await page.getByLabel("I have saved these recovery codes", { exact: true }).check();
  await page.getByRole("button", { name: "Done", exact: true }).click();
  await expect(twoFactorSection(page).getByText("Enabled", { exact: true })).toBeVisible();
  await expectUsableOnPhoneByKeyboard(page, "/customer/account (enabled)");

  await page.getByRole("button", { name: "Regenerate recovery codes", exact: true }).click();
  await expect(page.getByLabel("Authentication code", { exact: true })).toBeVisible();
  await expectUsableOnPhoneByKeyboard(page, "/customer/account (regenerate)");
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await page
    .getByRole("button", { name: "Disable two-factor authentication", exact: true })
    .click();
  await expect(page.getByLabel("Current password", { exact: true }).first()).toBeVisible();
  await expectUsableOnPhoneByKeyboard(page, "/customer/account (disable)");
});

test("at 360 px and by keyboard: /login/enroll, where the policy sends an account without 2FA", async ({
  browser,
  page,
}) => {
  // The admin's session stays open to restore the settings: a new admin sign-in under this
  // policy would itself be sent to enrolment.
  await asAdmin(browser, async (adminPage) => {
    await applySettings(adminPage, { require: "Everyone", graceDays: 0 });
    try {
      const account = await createAccount("customer", "a11y-enroll");
      await submitSignIn(page, account.email, account.password);
      await expect(page).toHaveURL(/\/login\/enroll(\?.*)?$/);
      await expectUsableOnPhoneByKeyboard(page, "/login/enroll");
      await page
        .getByRole("button", { name: "Set up two-factor authentication", exact: true })
        .click();
      await expect(page.getByLabel("Setup key", { exact: true })).toHaveText(/\S/);
      await expectUsableOnPhoneByKeyboard(page, "/login/enroll (QR code and setup key)");
    } finally {
      await applySettings(adminPage, NEUTRAL_SETTINGS);
    }
  });
});

test("keyboard alone: an enrolled admin signs in with Tab, typing and Enter, and lands on /backend", async ({
  page,
}) => {
  const account = await enrolledWithoutBrowser("admin", "a11y-keyboard");

  await page.goto("/login");
  const email = page.getByLabel("Email", { exact: true });
  await tabTo(page, email);
  await page.keyboard.type(account.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.keyboard.type(account.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(verifyUrl);

  const code = page.getByLabel("Authentication code", { exact: true });
  await expect(code).toBeVisible();
  await tabTo(page, code);
  await page.keyboard.type(await account.authenticator.code());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(dashboardUrl("admin"));
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
});

test("a wrong code on /login/verify is announced and tied to the code field; a wrong password on /login to both fields", async ({
  page,
}) => {
  const account = await enrolledWithoutBrowser("customer", "a11y-errors");

  await submitSignIn(page, account.email, "not the right password");
  await expect(page).toHaveURL(loginPath);
  for (const label of ["Email", "Password"]) {
    const field = page.getByLabel(label, { exact: true });
    await expectErrorTiedToField(page, field, /Invalid email or password/);
    await expect(field).toHaveAttribute("aria-invalid", "true");
  }

  await signInToVerify(page, account);
  const code = page.getByLabel("Authentication code", { exact: true });
  await expect(code).not.toHaveAttribute("aria-invalid", "true");
  await submitVerifyCode(page, await account.authenticator.wrongCode());
  await expect(page).toHaveURL(verifyUrl);
  await expect(code).toHaveAttribute("aria-invalid", "true");
  await expectErrorTiedToField(page, code, /code is not valid/);

  // Not a recovery code's shape: a typo, answered with what to type (docs/rules.md, rule 31).
  await submitRecoveryCode(page, "not-a-code");
  await expect(page).toHaveURL(verifyUrl);
  const recovery = page.getByLabel("Recovery code", { exact: true });
  await expect(recovery).toHaveAttribute("aria-invalid", "true");
  await expectErrorTiedToField(page, recovery, /Enter a recovery code/);
  await recovery.fill("abcde-23456");
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await expectErrorTiedToField(page, recovery, /recovery code is not valid/);
});

test('the code field takes a clipboard paste of "123 456" and the sign-in completes', async ({
  page,
  context,
}) => {
  const account = await enrolledWithoutBrowser("customer", "a11y-paste");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);

  await signInToVerify(page, account);
  const field = page.getByLabel("Authentication code", { exact: true });
  const code = await account.authenticator.code();
  await field.focus();
  await page.evaluate((text) => navigator.clipboard.writeText(text), spaced(code));
  await expect(field).toHaveValue("");
  await page.keyboard.press("ControlOrMeta+V");
  // Kept as pasted or with the space taken out: either way all six digits arrive.
  await expect.poll(async () => (await field.inputValue()).replace(/\s/g, "")).toBe(code);
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await expect(page).toHaveURL(dashboardUrl("customer"));
});
