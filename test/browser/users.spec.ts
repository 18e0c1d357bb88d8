import { expect, test } from "@playwright/test";
import { admin, uniqueEmail } from "../support/browser-accounts";
import { expectNewMessage } from "../support/observe";
import { signInAs } from "../support/sign-in";
import {
  createUserButton,
  emailOnPage,
  fillNewUserForm,
  openUsersList,
  userRow,
} from "../support/users";

// One customer's story: created by the admin, then signing in and probing the backend.
test.describe.configure({ mode: "serial" });

const customer = {
  name: "Carla Customer",
  email: uniqueEmail("carla"),
  password: "customer password 1",
  role: "Customer",
} as const;

test("an admin creates a customer from /backend/users, shown with 2FA Not set up", async ({
  page,
}) => {
  await signInAs(page, admin, "/backend");
  await page.goto("/backend/users");
  await page.getByRole("link", { name: "New user", exact: true }).click();
  await expect(page).toHaveURL(/\/backend\/users\/new$/);

  const role = page.getByLabel("Role", { exact: true });
  await expect(role.getByRole("option", { name: "Admin", exact: true })).toHaveCount(1);
  await expect(role.getByRole("option", { name: "Customer", exact: true })).toHaveCount(1);

  await fillNewUserForm(page, customer);
  await createUserButton(page).click();
  await expect(page).not.toHaveURL(/\/backend\/users\/new$/);

  await openUsersList(page, customer.email);
  await expect(userRow(page, customer.email)).toContainText("Not set up");
  await openUsersList(page, admin.email);
  await expect(userRow(page, admin.email)).toBeVisible();
});

test("the same email in other letter case is refused", async ({ page }) => {
  await signInAs(page, admin, "/backend");
  await fillNewUserForm(page, {
    ...customer,
    name: "Carla Twin",
    email: customer.email.toUpperCase(),
  });
  await expectNewMessage(page, () => createUserButton(page).click());
  await expect(page).toHaveURL(/\/backend\/users\/new$/);

  await openUsersList(page, customer.email);
  await expect(userRow(page, customer.email)).toBeVisible();
  await expect(emailOnPage(page, customer.email)).toHaveCount(1);
  await expect(page.getByText("Carla Twin")).toHaveCount(0);
});

test("the new customer signs in and lands on /customer", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, customer, "/customer");
  await context.close();
});

for (const path of ["/backend", "/backend/users"]) {
  test(`a customer opening ${path} gets 403 and no backend content`, async ({ page }) => {
    await signInAs(page, customer, "/customer");
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("link", { name: "New user" })).toHaveCount(0);
    await expect(page.locator('a[href^="/backend"]')).toHaveCount(0);
    await expect(page.getByText(admin.email)).toHaveCount(0);
  });
}

test("an admin opening /customer is sent to /backend", async ({ page }) => {
  await signInAs(page, admin, "/backend");
  await page.goto("/customer");
  await expect(page).toHaveURL(/\/backend$/);
});
