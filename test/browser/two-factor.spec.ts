import { readFileSync } from "node:fs";
import { asAdmin } from "../support/admin-browser";
import { expect, test } from "@playwright/test";
import {
  accountPage,
  createAccount,
  dashboardUrl,
  home,
  type Role,
} from "../support/browser-accounts";
import { alertWith } from "../support/observe";
import {
  signInAs,
  signInToVerify,
  signOut,
  submitRecoveryCode,
  submitVerifyCode,
  verifyUrl,
} from "../support/sign-in";
import { Authenticator, secretFromSetupKey } from "../support/totp";
import {
  decodeQrCode,
  enrolledAccount,
  enrolledWithoutBrowser,
  recoveryCodeList,
  shownRecoveryCodes,
  shownSetupKey,
  spaced,
  startSetup,
  submitEnableCode,
  twoFactorSection,
} from "../support/two-factor";
import { COMPANY_NAME, ensureTwoFactorOn, applySettings } from "../support/two-factor-settings";
import { openUsersList, userRow } from "../support/users";
import { storedUser } from "../support/browser-database";

// Every scenario enrols a fresh account, so that no account needs more than two codes within a
// minute (each time-step is accepted once per account, and the tests never wait for the clock).
// The first admin (test/support/accounts.ts) is never enrolled: the other specs sign in with it.

const WRONG_CODE = "That code is not valid";
const PASSWORD_OR_CODE = "Your password or code is not valid.";
const LOCKED = "Too many wrong codes. Try again in 15 minutes.";
const TURNED_OFF = "Two-factor authentication is turned off for this instance.";

test.beforeAll(async ({ browser }) => {
  await ensureTwoFactorOn(browser, COMPANY_NAME);
});

test("an admin turns 2FA on with a company name, and the settings page explains that name", async ({
  browser,
  page,
}) => {
  const customer = await createAccount("customer", "settings");
  await asAdmin(browser, (admin) => applySettings(admin, { enabled: false }));
  await signInAs(page, customer, "/customer");
  await page.goto(accountPage("customer"));
  await expect(twoFactorSection(page)).toContainText(TURNED_OFF);
  await expect(
    page.getByRole("button", { name: "Set up two-factor authentication", exact: true }),
  ).toHaveCount(0);

  await asAdmin(browser, async (admin) => {
    await admin.goto("/backend/settings/2fa");
    await expect(
      admin.getByRole("heading", { name: "Two-factor authentication", exact: true }),
    ).toBeVisible();
    const companyName = admin.getByLabel("Company name", { exact: true });
    // The field says what the name is for, and that renaming it does not break enrolments.
    await expect(companyName).toHaveAccessibleDescription(/label authenticator apps show/i);
    await expect(companyName).toHaveAccessibleDescription(
      /existing app entries keep their old label/i,
    );
    await companyName.fill(COMPANY_NAME);
    await admin
      .getByRole("checkbox", { name: "Enable two-factor authentication", exact: true })
      .check();
    await admin.getByRole("button", { name: "Save", exact: true }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();

    await admin.reload();
    await expect(admin.getByLabel("Company name", { exact: true })).toHaveValue(COMPANY_NAME);
    await expect(
      admin.getByRole("checkbox", { name: "Enable two-factor authentication", exact: true }),
    ).toBeChecked();
  });

  await page.reload();
  await expect(twoFactorSection(page)).not.toContainText(TURNED_OFF);
  await expect(
    page.getByRole("button", { name: "Set up two-factor authentication", exact: true }),
  ).toBeVisible();
});

for (const role of ["customer", "admin"] as Role[]) {
  test(`a${role === "admin" ? "n" : ""} ${role} enrols by scanning the QR code; a wrong code enables nothing`, async ({
    browser,
    page,
  }) => {
    const account = await createAccount(role, `enrol-${role}`);
    const usersListStatus = (status: "Enabled" | "Not set up") =>
      asAdmin(browser, async (admin) => {
        await openUsersList(admin, account.email);
        await expect(userRow(admin, account.email)).toContainText(status);
      });

    await signInAs(page, account, home(role));
    const setupKey = await startSetup(page, account);
    expect(setupKey).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    const secret = secretFromSetupKey(setupKey);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 20 random bytes

    // What an authenticator app reads from the QR code.
    const uri = new URL(
      await decodeQrCode(page.getByRole("img", { name: "QR code", exact: true })),
    );
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    const label = decodeURIComponent(uri.pathname.replace(/^\//, ""));
    const [issuer, email] = label.split(":");
    expect(uri.pathname).toBe(
      `/${encodeURIComponent(COMPANY_NAME)}:${encodeURIComponent(account.email)}`,
    );
    expect(issuer).toBe(COMPANY_NAME);
    expect(email).toBe(account.email);
    expect(uri.searchParams.get("issuer")).toBe(COMPANY_NAME);
    expect(uri.searchParams.get("algorithm")).toBe("SHA1");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
    expect(uri.searchParams.get("secret")).toBe(secret);

    // Enabling asks for the current password too, so that a borrowed session cannot enrol an
    // app of its own. A wrong password with the right code, and a wrong code with the right
    // password, get one message, tied to both fields, and nothing is enabled.
    const panel = twoFactorSection(page);
    const currentPassword = panel.getByLabel("Current password", { exact: true });
    await expect(currentPassword).toBeVisible();
    await expect(currentPassword).toHaveAttribute("autocomplete", "current-password");
    await expect(currentPassword).toHaveAttribute("type", "password");
    const authenticator = new Authenticator(secret);
    await submitEnableCode(page, "not my password 123", await authenticator.peek());
    await expect(alertWith(page, PASSWORD_OR_CODE)).toBeVisible();
    await expect(currentPassword).toHaveAccessibleDescription(PASSWORD_OR_CODE);
    await expect(recoveryCodeList(page)).toHaveCount(0);
    await page.reload();
    await expect(alertWith(page, PASSWORD_OR_CODE)).toHaveCount(0);
    await submitEnableCode(page, account.password, await authenticator.wrongCode());
    await expect(alertWith(page, PASSWORD_OR_CODE)).toBeVisible();
    await expect(
      panel.getByLabel("Authentication code", { exact: true }),
    ).toHaveAccessibleDescription(PASSWORD_OR_CODE);
    await expect(recoveryCodeList(page)).toHaveCount(0);
    await page.reload();
    await expect(twoFactorSection(page).getByText("Enabled", { exact: true })).toHaveCount(0);
    await expect(
      page.getByRole("button", { name: "Disable two-factor authentication" }),
    ).toHaveCount(0);
    await usersListStatus("Not set up");

    // The right code, pasted as "123 456", enables it and shows 10 recovery codes once.
    expect(await shownSetupKey(page)).toBe(setupKey);
    await submitEnableCode(page, account.password, spaced(await authenticator.code()));
    const codes = await shownRecoveryCodes(page);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/\S{6,}/);

    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download", exact: true }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/\.txt$/);
    const file = readFileSync(await download.path(), "utf8");
    for (const code of codes) expect(file).toContain(code);
    await expect(page.getByRole("button", { name: "Copy", exact: true })).toBeVisible();

    await page.getByLabel("I have saved these recovery codes", { exact: true }).check();

    await page.getByRole("button", { name: "Done", exact: true }).click();
    await expect(twoFactorSection(page).getByText("Enabled", { exact: true })).toBeVisible();
    await page.reload();
    await expect(twoFactorSection(page).getByText("Enabled", { exact: true })).toBeVisible();
    await expect(recoveryCodeList(page)).toHaveCount(0);
    const text = await page.locator("body").innerText();
    for (const code of codes) expect(text).not.toContain(code);
    await expect(page.getByRole("img", { name: "QR code" })).toHaveCount(0);
    await usersListStatus("Enabled");
  });
}

test("sign-in asks for a code: a wrong one and a replayed one are refused, a recovery code works once", async ({
  page,
}) => {
  const account = await enrolledWithoutBrowser("customer", "sign-in");

  await signInToVerify(page, account);
  await submitVerifyCode(page, await account.authenticator.wrongCode());
  await expect(alertWith(page, WRONG_CODE)).toBeVisible();
  await expect(page).toHaveURL(verifyUrl);
  await submitVerifyCode(page, await account.authenticator.code());
  await expect(page).toHaveURL(dashboardUrl("customer"));
  await signOut(page);

  // The code just used is refused the next time.
  await signInToVerify(page, account);
  await submitVerifyCode(page, await account.authenticator.codeOfLastUsedStep());
  await expect(alertWith(page, WRONG_CODE)).toBeVisible();
  await expect(page).toHaveURL(verifyUrl);

  // A recovery code completes the sign-in, and the dashboard says how many remain.
  const recoveryCode = account.recoveryCodes[0]!;
  await submitRecoveryCode(page, recoveryCode);
  await expect(page).toHaveURL(dashboardUrl("customer"));
  await expect(page.getByText("9 recovery codes remain")).toBeVisible();
  await signOut(page);

  // The same recovery code is refused the second time.
  await signInToVerify(page, account);
  await submitRecoveryCode(page, recoveryCode);
  await expect(alertWith(page, "recovery code is not valid")).toBeVisible();
  await expect(page).toHaveURL(verifyUrl);
  await page.goto("/customer");
  await expect(page).toHaveURL(verifyUrl);
});

test("five wrong codes lock the second step for 15 minutes, even against the right code", async ({
  page,
}) => {
  const account = await enrolledWithoutBrowser("customer", "lock");

  await signInToVerify(page, account);
  const wrong = await account.authenticator.wrongCode();
  const codeField = page.getByLabel("Authentication code", { exact: true });
  for (let attempt = 1; attempt <= 4; attempt++) {
    await submitVerifyCode(page, wrong);
    // The answer has come once React has reset the form: the same alert was already showing, and
    // a code typed before the reset would be wiped and sent empty (a typo, not a guess: rule 31).
    await expect(codeField).toHaveValue("");
    await expect(alertWith(page, WRONG_CODE)).toBeVisible();
    await expect(alertWith(page, "Too many wrong codes")).toHaveCount(0);
  }
  await submitVerifyCode(page, wrong);
  await expect(alertWith(page, LOCKED)).toBeVisible();

  // The lock ended the pending sign-in: the second step is gone without a new password.
  await page.goto("/login/verify");
  await expect(page).toHaveURL(/\/login(\?.*)?$/);

  // Signed in again with the password, the second step says how long and until when, and its
  // form stays disabled until then (docs/rules.md, rule 31), whichever code is chosen.
  await signInToVerify(page, account);
  await expect(alertWith(page, LOCKED)).toBeVisible();
  const lockedUntil = new Date(storedUser(account.email).lockedUntil as number | string);
  const hhmm = lockedUntil.toISOString().slice(11, 16);
  await expect(alertWith(page, LOCKED)).toContainText(`Verification is locked until ${hhmm}`);
  await expect(page.getByLabel("Authentication code", { exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Verify", exact: true })).toBeDisabled();
  await page.getByRole("button", { name: "Use a recovery code", exact: true }).click();
  await expect(page.getByLabel("Recovery code", { exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Verify", exact: true })).toBeDisabled();
  await expect(alertWith(page, WRONG_CODE)).toHaveCount(0);
  await expect(page).toHaveURL(verifyUrl);
  await page.goto("/customer");
  await expect(page).toHaveURL(verifyUrl);
});

test("renaming the company keeps the codes of earlier enrolments working", async ({
  browser,
  page,
}) => {
  const account = await enrolledWithoutBrowser("customer", "rename");
  try {
    await asAdmin(browser, (admin) => applySettings(admin, { companyName: "Acme Renamed" }));

    await signInToVerify(page, account);
    await submitVerifyCode(page, await account.authenticator.code());
    await expect(page).toHaveURL(dashboardUrl("customer"));
    await page.goto(accountPage("customer"));
    await expect(twoFactorSection(page).getByText("Enabled", { exact: true })).toBeVisible();

    // New enrolments get the new name.
    const newcomer = await createAccount("customer", "renamed");
    await signOut(page);
    await signInAs(page, newcomer, "/customer");
    await startSetup(page, newcomer);
    const uri = new URL(
      await decodeQrCode(page.getByRole("img", { name: "QR code", exact: true })),
    );
    expect(uri.searchParams.get("issuer")).toBe("Acme Renamed");
  } finally {
    await asAdmin(browser, (admin) => applySettings(admin, { companyName: COMPANY_NAME }));
  }
});

test("switching 2FA off skips step 2; switching it back on restores the enrolment", async ({
  browser,
  page,
}) => {
  const account = await enrolledWithoutBrowser("customer", "switch");
  try {
    await asAdmin(browser, (admin) => applySettings(admin, { enabled: false }));

    await signInAs(page, account, "/customer");
    await page.goto(accountPage("customer"));
    await expect(twoFactorSection(page)).toContainText(TURNED_OFF);
    await expect(
      page.getByRole("button", { name: "Set up two-factor authentication" }),
    ).toHaveCount(0);
    await signOut(page);
  } finally {
    await asAdmin(browser, (admin) => applySettings(admin, { enabled: true }));
  }

  await signInToVerify(page, account);
  await submitVerifyCode(page, await account.authenticator.code());
  await expect(page).toHaveURL(dashboardUrl("customer"));
  await page.goto(accountPage("customer"));
  await expect(twoFactorSection(page).getByText("Enabled", { exact: true })).toBeVisible();
});

test("disabling asks for the password and a code; afterwards sign-in asks for no code", async ({
  page,
}) => {
  const account = await enrolledAccount(page, "customer", "disable");
  await page.goto(accountPage("customer"));
  // The account page has a password form of its own: stay within the two-factor section.
  const panel = twoFactorSection(page);
  await panel
    .getByRole("button", { name: "Disable two-factor authentication", exact: true })
    .click();

  // A wrong password with a right code is refused (and does not use the code up), with the
  // same single message as a wrong code with the right password: neither says which was wrong.
  await panel.getByLabel("Current password", { exact: true }).fill("not my password 123");
  await panel
    .getByLabel("Authentication code", { exact: true })
    .fill(await account.authenticator.peek());
  await panel
    .getByRole("button", { name: "Disable two-factor authentication", exact: true })
    .click();
  await expect(alertWith(page, PASSWORD_OR_CODE)).toBeVisible();
  await expect(alertWith(page, PASSWORD_OR_CODE)).toHaveText(PASSWORD_OR_CODE);
  await page.reload();
  await panel
    .getByRole("button", { name: "Disable two-factor authentication", exact: true })
    .click();
  await expect(alertWith(page, PASSWORD_OR_CODE)).toHaveCount(0);
  await panel.getByLabel("Current password", { exact: true }).fill(account.password);
  await panel
    .getByLabel("Authentication code", { exact: true })
    .fill(await account.authenticator.wrongCode());
  await panel
    .getByRole("button", { name: "Disable two-factor authentication", exact: true })
    .click();
  await expect(alertWith(page, PASSWORD_OR_CODE)).toHaveText(PASSWORD_OR_CODE);
  await page.reload();
  await expect(twoFactorSection(page).getByText("Enabled", { exact: true })).toBeVisible();

  await panel
    .getByRole("button", { name: "Disable two-factor authentication", exact: true })
    .click();
  await panel.getByLabel("Current password", { exact: true }).fill(account.password);
  await panel
    .getByLabel("Authentication code", { exact: true })
    .fill(await account.authenticator.code());
  await panel
    .getByRole("button", { name: "Disable two-factor authentication", exact: true })
    .click();
  await expect(
    page.getByRole("button", { name: "Set up two-factor authentication", exact: true }),
  ).toBeVisible();
  await page.reload();
  await expect(twoFactorSection(page).getByText("Enabled", { exact: true })).toHaveCount(0);
  await expect(
    page.getByRole("button", { name: "Set up two-factor authentication", exact: true }),
  ).toBeVisible();

  await signOut(page);
  await signInAs(page, account, "/customer");
});

test("regenerating recovery codes asks for a code and replaces every old code", async ({
  page,
}) => {
  const account = await enrolledAccount(page, "admin", "regenerate");
  await page.goto(accountPage("admin"));
  await page.getByRole("button", { name: "Regenerate recovery codes", exact: true }).click();
  await page
    .getByLabel("Authentication code", { exact: true })
    .fill(await account.authenticator.wrongCode());
  await page.getByRole("button", { name: "Regenerate recovery codes", exact: true }).click();
  await expect(alertWith(page, WRONG_CODE)).toBeVisible();
  await expect(recoveryCodeList(page)).toHaveCount(0);

  await page
    .getByLabel("Authentication code", { exact: true })
    .fill(await account.authenticator.code());
  await page.getByRole("button", { name: "Regenerate recovery codes", exact: true }).click();
  const fresh = await shownRecoveryCodes(page);
  expect(new Set(fresh).size).toBe(10);
  expect(fresh.filter((code) => account.recoveryCodes.includes(code))).toEqual([]);
  await page.getByLabel("I have saved these recovery codes", { exact: true }).check();
  await page.getByRole("button", { name: "Done", exact: true }).click();
  await signOut(page);

  await signInToVerify(page, account);
  await submitRecoveryCode(page, account.recoveryCodes[0]!);
  await expect(alertWith(page, "recovery code is not valid")).toBeVisible();
  await page.getByLabel("Recovery code", { exact: true }).fill(fresh[0]!);
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await expect(page).toHaveURL(dashboardUrl("admin"));
  await expect(page.getByText("9 recovery codes remain")).toBeVisible();
});
