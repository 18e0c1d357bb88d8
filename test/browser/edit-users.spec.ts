import { expect, test } from "../support/admin-fixture";
import { admin, createAccount, uniqueEmail } from "../support/browser-accounts";
import { activeAdminEmails, storedUser } from "../support/browser-database";
import { expectUsableOnPhoneByKeyboard, PHONE } from "../support/phone-and-keyboard";
import { loginPath, newPage, signInAs, submitSignIn } from "../support/sign-in";
import { expectSignedOut } from "../support/signed-in-browsers";
import { deactivateOnEditPage, openEditUser, openUsersList, userRow } from "../support/users";

// /backend/users/<id>: an admin edits an account, deactivates and reactivates it, and the last
// active admin stays (docs/rules.md, rules 5, 9, 20 and 29).
test.describe.configure({ mode: "serial" });

const LAST_ADMIN = "There must be at least one active admin.";

const field = (page: import("@playwright/test").Page, label: string) =>
  page.getByLabel(label, { exact: true });

test("an admin edits name, email and role with Edit and Save changes; the form shows what is stored", async ({
  adminPage: page,
}) => {
  const account = await createAccount("customer", "edited");
  await openEditUser(page, account.email);
  await expect(field(page, "Name")).toHaveValue(account.name);
  await expect(field(page, "Role")).toHaveValue("CUSTOMER");

  // A refusal: another account's address, in other letter case. What was typed stays.
  await field(page, "Name").fill("Edna Edited");
  await field(page, "Email").fill(admin.email.toUpperCase());
  await page.getByRole("button", { name: "Save changes", exact: true }).click();
  // Said once, in the form's alert, which the Email field points at.
  const taken = "An account with this email address already exists.";
  await expect(page.getByText(taken)).toHaveCount(1);
  await expect(page.getByRole("alert").filter({ hasText: taken })).toHaveCount(1);
  await expect(field(page, "Email")).toHaveAttribute("aria-invalid", "true");
  await expect(field(page, "Email")).toHaveAccessibleDescription(taken);
  await expect(field(page, "Name")).toHaveValue("Edna Edited");
  await expect(field(page, "Email")).toHaveValue(admin.email.toUpperCase());
  expect(storedUser(account.email).name).toBe(account.name);

  const newEmail = uniqueEmail("edna");
  await field(page, "Email").fill(`  ${newEmail.toUpperCase()}  `);
  await field(page, "Role").selectOption({ label: "Admin" });
  await page.getByRole("button", { name: "Save changes", exact: true }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  // The form now shows the stored row: the address trimmed and lower-cased.
  await expect(field(page, "Email")).toHaveValue(newEmail);
  await expect(field(page, "Name")).toHaveValue("Edna Edited");
  await expect(field(page, "Role")).toHaveValue("ADMIN");
  expect(storedUser(newEmail)).toMatchObject({ name: "Edna Edited", role: "ADMIN" });

  // A second save posts exactly what is shown: nothing changes.
  await page.getByRole("button", { name: "Save changes", exact: true }).click();
  await expect(page.getByText("Nothing to change.")).toBeVisible();

  await page.reload();
  await expect(field(page, "Email")).toHaveValue(newEmail);
  await field(page, "Role").selectOption({ label: "Customer" });
  await page.getByRole("button", { name: "Save changes", exact: true }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(field(page, "Role")).toHaveValue("CUSTOMER");
  await openUsersList(page, newEmail);
  await expect(userRow(page, newEmail)).toContainText("Edna Edited");
  await expect(userRow(page, newEmail)).toContainText("Customer");
});

test("Deactivate signs the user's open browser out and their sign-in says so; Reactivate lets them in", async ({
  adminPage: page,
  browser,
}) => {
  const account = await createAccount("customer", "deactivated");
  const user = await newPage(browser);
  await signInAs(user.page, account, "/customer");

  await openEditUser(page, account.email);
  await page.getByRole("button", { name: "Deactivate", exact: true }).click();
  await expect(page.getByText(`Deactivate ${account.email}?`)).toBeVisible();
  await page.getByRole("button", { name: "Deactivate", exact: true }).click();
  await expect(page.getByText(`${account.email} is deactivated and signed out.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Reactivate", exact: true })).toBeVisible();
  expect(storedUser(account.email).deactivatedAt).not.toBeNull();

  await expectSignedOut(user.page, "/customer", true);
  await submitSignIn(user.page, account.email, account.password);
  await expect(user.page.getByText("This account is deactivated.")).toBeVisible();
  await expect(user.page).toHaveURL(loginPath);
  await submitSignIn(user.page, account.email, "not the password at all");
  await expect(user.page.getByText("Invalid email or password")).toBeVisible();
  await expect(user.page.getByText("This account is deactivated.")).toHaveCount(0);

  await page.getByRole("button", { name: "Reactivate", exact: true }).click();
  await expect(page.getByText(`${account.email} can sign in again.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Deactivate", exact: true })).toBeVisible();
  await signInAs(user.page, account, "/customer");
  await user.context.close();
});

test("the last active admin can be neither demoted nor deactivated, at 360 px and by keyboard", async ({
  adminPage: page,
  browser,
}) => {
  await page.setViewportSize(PHONE);
  // Every other active admin (one at least, made here) is deactivated for this test, and
  // reactivated after it.
  const second = await createAccount("admin", "second");
  const others = activeAdminEmails().filter((email) => email !== admin.email);
  expect(others).toContain(second.email);
  try {
    for (const email of others) {
      await openEditUser(page, email);
      await deactivateOnEditPage(page);
      await expect(page.getByRole("button", { name: "Reactivate", exact: true })).toBeVisible();
    }
    expect(activeAdminEmails()).toEqual([admin.email]);
    // The deactivated admin's sign-in says so.
    const bea = await newPage(browser);
    await submitSignIn(bea.page, second.email, second.password);
    await expect(bea.page.getByText("This account is deactivated.")).toBeVisible();
    await bea.context.close();

    await openEditUser(page, admin.email);
    await expectUsableOnPhoneByKeyboard(page, "/backend/users/<id>");

    // By keyboard: the role, then Enter in a field submits the form.
    await field(page, "Role").focus();
    await field(page, "Role").selectOption({ label: "Customer" });
    await field(page, "Name").focus();
    await page.keyboard.press("Enter");
    // Said once, in the form's alert, which the Role field points at.
    await expect(page.getByText(LAST_ADMIN)).toHaveCount(1);
    await expect(field(page, "Role")).toHaveAccessibleDescription(LAST_ADMIN);
    await expect(field(page, "Role")).toHaveValue("CUSTOMER");
    expect(storedUser(admin.email).role).toBe("ADMIN");

    await page.reload();
    await page.getByRole("button", { name: "Deactivate", exact: true }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Deactivate", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByText(LAST_ADMIN)).toBeVisible();
    expect(storedUser(admin.email).deactivatedAt).toBeNull();
    await page.goto("/backend");
    await expect(page).toHaveURL(/\/backend$/);
  } finally {
    for (const email of others) {
      await openEditUser(page, email);
      await page.getByRole("button", { name: "Reactivate", exact: true }).click();
      await expect(page.getByText(`${email} can sign in again.`)).toBeVisible();
    }
  }
});
