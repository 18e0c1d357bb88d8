import { expect, test } from "../support/admin-fixture";
import { admin, accountPage, dashboardUrl } from "../support/browser-accounts";
import { recoveryCodeCount, storedUser } from "../support/browser-database";
import { runAppmail } from "../support/cli";
import { STACK_TRACE } from "../support/server-actions";
import {
  enrollUrl,
  loginPath,
  newPage,
  signInToVerify,
  verifyWithCode,
  submitSignIn,
} from "../support/sign-in";
import { enrolledAccount } from "../support/two-factor";
import { applySettings } from "../support/two-factor-settings";
import { openUsersList, userRow } from "../support/users";

// docs/rules.md, rules 9 and 10: an admin reset (in /backend/users, or `user:reset-2fa` on the
// command line) removes the secret, recovery codes and trusted browsers and signs the account
// out everywhere; `settings:set --two-factor off|on` is the instance switch of rule 7.

test.describe.configure({ timeout: 90_000 });

test("an admin resets a customer's 2FA from /backend/users: confirmation, signed out everywhere, password alone next time", async ({
  adminPage,
  browser,
}) => {
  const b = await newPage(browser);
  const customer = await enrolledAccount(b.page, "customer", "reset");
  const before = storedUser(customer.email);
  const userId = String(before.id);
  expect(recoveryCodeCount(userId)).toBe(10);

  await openUsersList(adminPage, customer.email);
  let row = userRow(adminPage, customer.email);
  await expect(row.getByText("Enabled", { exact: true })).toBeVisible();

  // The first click only asks; "Cancel" changes nothing.
  const confirmation = `Reset two-factor authentication for ${customer.email}?`;
  await row.getByRole("button", { name: "Reset two-factor", exact: true }).click();
  await expect(row.getByText(confirmation)).toBeVisible();
  await row.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(row.getByText(confirmation)).toHaveCount(0);
  expect(storedUser(customer.email)).toEqual(before);

  await row.getByRole("button", { name: "Reset two-factor", exact: true }).click();
  await expect(row.getByText(confirmation)).toBeVisible();
  await expect(row.getByRole("button", { name: "Cancel", exact: true })).toBeVisible();
  await row.getByRole("button", { name: "Reset two-factor", exact: true }).click();
  await expect(
    adminPage.getByText(`Two-factor authentication reset for ${customer.email}.`, { exact: true }),
  ).toBeVisible();

  await adminPage.reload();
  row = userRow(adminPage, customer.email);
  await expect(row.getByText("Not set up", { exact: true })).toBeVisible();
  const after = storedUser(customer.email);
  expect(after.totpEnabledAt).toBeNull();
  expect(after.totpSecret ?? null).toBeNull();
  expect(Number(after.sessionVersion)).toBeGreaterThan(Number(before.sessionVersion));
  expect(recoveryCodeCount(userId)).toBe(0);

  // The admin's own row offers no reset.
  await openUsersList(adminPage, admin.email);
  const ownRow = userRow(adminPage, admin.email);
  await expect(ownRow).toBeVisible();
  await expect(ownRow.getByRole("button", { name: "Reset two-factor" })).toHaveCount(0);

  // Context B was signed in: its next navigation lands on /login.
  await b.page.goto(accountPage("customer"));
  await expect(b.page).toHaveURL(loginPath);

  // Policy Nobody: the password alone signs in.
  await submitSignIn(b.page, customer.email, customer.password);
  await expect(b.page).toHaveURL(dashboardUrl("customer"));
  await b.context.close();

  // Policy Everyone with no grace: the reset account must enrol again.
  await applySettings(adminPage, { require: "Everyone", graceDays: 0 });
  const c = await newPage(browser);
  await submitSignIn(c.page, customer.email, customer.password);
  await expect(c.page).toHaveURL(enrollUrl);
  await c.context.close();
});

test("`user:reset-2fa --email` rescues an enrolled account; an unknown email fails with one line", async ({
  adminPage,
  browser,
}) => {
  const a = await newPage(browser);
  const customer = await enrolledAccount(a.page, "customer", "cli-reset");
  await openUsersList(adminPage, customer.email);
  await expect(
    userRow(adminPage, customer.email).getByText("Enabled", { exact: true }),
  ).toBeVisible();

  const reset = await runAppmail(["user:reset-2fa", "--email", customer.email]);
  expect(reset.exitCode, reset.stderr).toBe(0);
  expect(reset.stdout).toContain(`Two-factor authentication reset for ${customer.email}.`);
  expect(storedUser(customer.email).totpEnabledAt).toBeNull();
  await adminPage.reload();
  await expect(
    userRow(adminPage, customer.email).getByText("Not set up", { exact: true }),
  ).toBeVisible();

  // Signed out everywhere, then the password alone (policy Nobody) reaches the dashboard.
  await a.page.goto("/customer");
  await expect(a.page).toHaveURL(loginPath);
  const fresh = await newPage(browser);
  await submitSignIn(fresh.page, customer.email, customer.password);
  await expect(fresh.page).toHaveURL(dashboardUrl("customer"));
  await fresh.context.close();
  await a.context.close();

  const unknown = await runAppmail(["user:reset-2fa", "--email", "nobody-here@example.com"]);
  expect(unknown.exitCode).toBe(1);
  const lines = unknown.stderr.split(/\r?\n/).filter((line) => line.trim() !== "");
  expect(lines, unknown.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^appmail: .*\S/);
  expect(unknown.stderr + unknown.stdout).not.toMatch(STACK_TRACE);
});

test("`settings:set --two-factor off` skips the code step for an enrolled account; `on` restores it", async ({
  adminPage,
  browser,
}) => {
  const a = await newPage(browser);
  const customer = await enrolledAccount(a.page, "customer", "cli-switch");
  await a.context.close();

  const off = await runAppmail(["settings:set", "--two-factor", "off"]);
  expect(off.exitCode, off.stderr).toBe(0);
  expect(off.stdout).toMatch(/Two-factor authentication:\s+off/);
  await adminPage.goto("/backend/settings/2fa");
  await expect(
    adminPage.getByRole("checkbox", { name: "Enable two-factor authentication", exact: true }),
  ).not.toBeChecked();

  const first = await newPage(browser);
  await submitSignIn(first.page, customer.email, customer.password);
  await expect(first.page).toHaveURL(dashboardUrl("customer"));
  await first.context.close();
  // The enrolment is kept.
  expect(storedUser(customer.email).totpEnabledAt).not.toBeNull();

  const on = await runAppmail(["settings:set", "--two-factor", "on"]);
  expect(on.exitCode, on.stderr).toBe(0);
  expect(on.stdout).toMatch(/Two-factor authentication:\s+on/);

  const second = await newPage(browser);
  await signInToVerify(second.page, customer);
  await verifyWithCode(second.page, customer.authenticator);
  await expect(second.page).toHaveURL(dashboardUrl("customer"));
  await second.context.close();
});
