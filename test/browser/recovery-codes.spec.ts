import { expect, test } from "@playwright/test";
import { accountPage, createAccount } from "../support/browser-accounts";
import { signInAs, signInToVerify, submitRecoveryCode } from "../support/sign-in";
import { Authenticator, secretFromSetupKey } from "../support/totp";
import {
  recoveryCodeList,
  shownRecoveryCodes,
  startSetup,
  submitEnableCode,
  twoFactorSection,
} from "../support/two-factor";
import { COMPANY_NAME, ensureTwoFactorOn } from "../support/two-factor-settings";

// PRODUCT.md, "Account protection": recovery codes that people keep. "Done" waits for "I have
// saved these recovery codes", "Print" prints only the codes, the account and the date, and the
// account page warns once 2 or fewer remain, beside "Regenerate recovery codes".

test.beforeAll(async ({ browser }) => {
  await ensureTwoFactorOn(browser, COMPANY_NAME);
});

test("'Done' waits for the checkbox; printing shows only the codes, the account and the date; few codes left are warned of", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const account = await createAccount("customer", "keep-codes");
  await signInAs(page, account, "/customer");
  const key = await startSetup(page, account);
  const authenticator = new Authenticator(secretFromSetupKey(key));
  await submitEnableCode(page, account.password, await authenticator.code());
  const codes = await shownRecoveryCodes(page);

  const panel = twoFactorSection(page);
  for (const name of ["Download", "Copy", "Print"]) {
    await expect(panel.getByRole("button", { name, exact: true })).toBeVisible();
  }
  const done = panel.getByRole("button", { name: "Done", exact: true });
  const saved = panel.getByRole("checkbox", { name: "I have saved these recovery codes" });
  await expect(done).toBeDisabled();
  await saved.check();
  await expect(done).toBeEnabled();
  await saved.uncheck();
  await expect(done).toBeDisabled();

  // On paper: the codes, the account and the date; no buttons, no navigation, no other text.
  await page.emulateMedia({ media: "print" });
  await expect(recoveryCodeList(page)).toBeVisible();
  await expect(page.getByText(codes[0]!, { exact: true })).toBeVisible();
  const heading = page.getByText(`Recovery codes for ${account.email}, made`);
  await expect(heading).toBeVisible();
  await expect(heading).toContainText(/\d{4}, \d{2}:\d{2} UTC/);
  await expect(panel.getByRole("button", { name: "Print", exact: true })).toBeHidden();
  await expect(done).toBeHidden();
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeHidden();
  await page.emulateMedia({ media: "screen" });
  await expect(heading).toBeHidden();

  await saved.check();
  await done.click();
  await expect(recoveryCodeList(page)).toHaveCount(0);
  await expect(panel.getByText("10 unused recovery codes.", { exact: true })).toBeVisible();

  // Eight sign-ins with a recovery code leave two: the page warns, with the regenerate button.
  for (const code of codes.slice(0, 8)) {
    await signInToVerify(page, account);
    await submitRecoveryCode(page, code);
    await expect(page).toHaveURL(/\/customer(\?.*)?$/);
  }
  await page.goto(accountPage("customer"));
  await expect(panel.getByText("Only 2 recovery codes left", { exact: false })).toBeVisible();
  await expect(
    panel.getByRole("button", { name: "Regenerate recovery codes", exact: true }),
  ).toBeVisible();
  await signInToVerify(page, account);
  await submitRecoveryCode(page, codes[8]!);
  await expect(page.getByText(/1 recovery code remains/)).toBeVisible();
  await page.goto(accountPage("customer"));
  await expect(panel.getByText("Only 1 recovery code left", { exact: false })).toBeVisible();
});
