// An admin's "Issue a recovery code" (docs/rules.md, rule 33) and "Require a passkey for"
// (rule 34), driven as the admin and the account holder would. The suite runs on localhost:
// WebAuthn refuses an IP address as the relying party.
import type { Page } from "@playwright/test";
import { expect, test } from "@/test/support/admin-fixture";
import { dashboardUrl, type Account } from "@/test/support/browser-accounts";
import { addPasskeyHere, VirtualAuthenticator } from "@/test/support/passkeys";
import {
  enrollUrl,
  newPage,
  signInToVerify,
  submitRecoveryCode,
  verifyUrl,
} from "@/test/support/sign-in";
import { applySettings } from "@/test/support/two-factor-settings";
import { enrolHere, enrolledAccount } from "@/test/support/two-factor";
import { userRow } from "@/test/support/users";

// Each scenario makes accounts, enrols and signs in several times.
test.describe.configure({ timeout: 150_000 });

/** On /backend/users: "Issue a recovery code", confirmed; the code read once from the screen. */
async function issueCode(adminPage: Page, account: Account): Promise<string> {
  await adminPage.goto("/backend/users");
  const row = userRow(adminPage, account.email);
  await row.getByRole("button", { name: "Issue a recovery code", exact: true }).click();
  await expect(row.getByText(/single-use recovery code/)).toBeVisible();
  await row.getByRole("button", { name: "Issue a recovery code", exact: true }).click();
  const status = row.getByRole("status");
  await expect(status).toContainText(`Recovery code for ${account.email}:`);
  const code = /([2-9a-z]{5}-[2-9a-z]{5})/.exec((await status.textContent()) ?? "")?.[1];
  expect(code, "the code on the screen").toBeTruthy();
  // Shown once: the list, opened again, has only the button.
  await adminPage.reload();
  await expect(userRow(adminPage, account.email)).not.toContainText(code!);
  return code!;
}

test("a holder who lost the app signs in with an admin's code, must set up a new factor first, then reaches the dashboard; the code works once", async ({
  adminPage,
  page,
  browser,
}) => {
  // The holder enrolled an app, then lost the phone.
  const holder = await enrolledAccount(page, "customer", "lost");
  const code = await issueCode(adminPage, holder);

  const { context, page: signIn } = await newPage(browser);
  await signInToVerify(signIn, holder);
  await submitRecoveryCode(signIn, code);
  await expect(signIn).toHaveURL(enrollUrl);
  await expect(
    signIn.getByText(/signed in with a recovery code from your administrator/),
  ).toBeVisible();

  // Nothing else is reachable until a new factor is set up.
  for (const path of ["/customer", "/customer/account", "/backend"]) {
    await signIn.goto(path);
    await expect(signIn).toHaveURL(enrollUrl);
  }

  // A new authenticator app, in place of the lost one, then the dashboard.
  await enrolHere(signIn, holder.password);
  await expect(signIn).toHaveURL(dashboardUrl("customer"));
  await context.close();

  // The code does not work twice.
  const again = await newPage(browser);
  await signInToVerify(again.page, holder);
  await submitRecoveryCode(again.page, code);
  const refusal = again.page.getByRole("alert").filter({ hasText: /\S/ });
  await expect(refusal).toHaveText("That recovery code is not valid.");
  await expect(again.page).toHaveURL(verifyUrl);
  await again.context.close();
});

test("Require a passkey for Everyone: after password and code an account with an app adds a passkey on /login/enroll, then the dashboard", async ({
  adminPage,
  page,
  browser,
}) => {
  const holder = await enrolledAccount(page, "customer", "needs-passkey");

  // A mistake first: passkeys required while not allowed is refused at the field, nothing saved.
  await adminPage.goto("/backend/settings/2fa");
  await adminPage.getByRole("checkbox", { name: "Allow passkeys", exact: true }).uncheck();
  const requirement = adminPage.getByLabel("Require a passkey for", { exact: true });
  await requirement.selectOption({ label: "Everyone" });
  await adminPage.getByRole("button", { name: "Save", exact: true }).click();
  await expect(requirement).toHaveAccessibleDescription(
    "Turn on “Allow passkeys” before requiring a passkey, or choose Nobody.",
  );

  await applySettings(adminPage, { passkeys: true, requirePasskey: "Everyone", graceDays: 0 });
  await adminPage.reload();
  await expect(adminPage.getByLabel("Require a passkey for", { exact: true })).toHaveValue(
    "EVERYONE",
  );

  const { context, page: signIn } = await newPage(browser);
  await VirtualAuthenticator.on(signIn);
  await signInToVerify(signIn, holder);
  // A recovery code here keeps the scenario at two app codes, which one minute always holds
  // (test/support/totp.ts): enrolling, and adding the passkey.
  await submitRecoveryCode(signIn, holder.recoveryCodes[0]!);
  await expect(signIn).toHaveURL(enrollUrl);
  await expect(signIn.getByText(/requires a passkey/)).toBeVisible();
  await signIn.goto("/customer");
  await expect(signIn).toHaveURL(enrollUrl);

  await addPasskeyHere(signIn, holder.password, {
    code: await holder.authenticator.code(),
    name: "Phone",
  });
  await expect(signIn).toHaveURL(dashboardUrl("customer"));
  await context.close();
});

test("during the grace period the banner says a passkey is required, with the days left", async ({
  adminPage,
  page,
}) => {
  await enrolledAccount(page, "customer", "grace-passkey");
  await applySettings(adminPage, { requirePasskey: "Everyone", graceDays: 3 });
  await page.goto("/customer");
  await expect(page.getByRole("status").filter({ hasText: "A passkey is required" })).toContainText(
    "Add one within 3 days",
  );
});
