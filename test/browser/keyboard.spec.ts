// Where focus goes as confirmations open and close, the
// second-factor switch, /login and /login/verify on load, the current page in the navigation,
// whose account a row's buttons act on, the 403/404 pages, and "User created".
import type { BrowserContext, Locator, Page } from "@playwright/test";
import { test, expect } from "../support/admin-fixture";
import { createAccount, uniqueEmail, type Account } from "../support/browser-accounts";
import { VirtualAuthenticator, addPasskeyHere, passkeySection } from "../support/passkeys";
import { newPage, signInAs, signInToVerify, signOut } from "../support/sign-in";
import {
  enrolledAccount,
  recoveryCodeList,
  twoFactorSection,
  type Enrolment,
} from "../support/two-factor";
import { ensureTwoFactorOn } from "../support/two-factor-settings";
import { createUserButton, fillNewUserForm, openUsersList, userRow } from "../support/users";

const button = (scope: Page | Locator, name: string) =>
  scope.getByRole("button", { name, exact: true });

/** Opens a confirmation with its button, then closes it with Escape. */
async function openThenEscape(opener: Locator, focusedOnOpen: Locator) {
  await opener.click();
  await expect(focusedOnOpen).toBeFocused();
  await focusedOnOpen.press("Escape");
  await expect(focusedOnOpen).toHaveCount(0);
  await expect(opener).toBeFocused();
}

test('/login focuses "Email" as it loads', async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByLabel("Email", { exact: true })).toBeFocused();
});

test('a 404 page signed out offers "Sign in", not the dashboard', async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to your dashboard" })).toHaveCount(0);
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test('"Remove <passkey name>" takes focus to "Current password"; Escape gives it back', async ({
  page,
}) => {
  const customer = await createAccount("customer", "passkey-focus");
  await signInAs(page, customer, "/customer");
  await VirtualAuthenticator.on(page);
  await page.goto("/customer/account");
  await addPasskeyHere(page, customer.password, { name: "Desk key" });
  // Its first second factor: the recovery codes come first.
  await expect(recoveryCodeList(page)).toBeVisible();
  await page.getByLabel("I have saved these recovery codes", { exact: true }).check();
  await button(page, "Done").click();
  const section = passkeySection(page);
  await openThenEscape(
    button(section, "Remove Desk key"),
    section.getByLabel("Current password", { exact: true }),
  );
});

test.describe("an enrolled customer", () => {
  test.describe.configure({ mode: "serial" });
  let context: BrowserContext;
  let page: Page;
  let account: Account & Enrolment;

  test.beforeAll(async ({ browser }) => {
    await ensureTwoFactorOn(browser);
    ({ context, page } = await newPage(browser));
    account = await enrolledAccount(page, "customer", "keyboard");
  });
  test.afterAll(async () => {
    await context?.close();
  });

  test('"Regenerate recovery codes" and "Disable two-factor authentication" take focus to their first field; Escape gives it back', async () => {
    await page.goto("/customer/account");
    const section = twoFactorSection(page);
    await openThenEscape(
      button(section, "Regenerate recovery codes"),
      section.getByLabel("Authentication code", { exact: true }),
    );
    await openThenEscape(
      button(section, "Disable two-factor authentication"),
      section.getByLabel("Current password", { exact: true }),
    );
  });

  test("the navigation marks the current page with aria-current", async () => {
    await page.goto("/customer/account");
    const navigation = page.getByRole("navigation", { name: "Main" });
    await expect(navigation.getByRole("link", { name: "Account" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(navigation.getByRole("link", { name: "Dashboard" })).not.toHaveAttribute(
      "aria-current",
    );
    await expect(navigation.locator('[aria-current="page"]')).toHaveCount(1);
  });

  test('a 403 and a 404 page signed in have the app\'s header and "Go to your dashboard"', async () => {
    for (const [path, status, heading] of [
      ["/backend/users", 403, "Access denied"],
      ["/no-such-page", 404, "Page not found"],
    ] as const) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(status);
      await expect(page.getByRole("heading", { name: heading })).toBeVisible();
      await expect(
        page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }),
      ).toBeVisible();
      await expect(page.getByRole("link", { name: "Sign in", exact: true })).toHaveCount(0);
      await page.getByRole("link", { name: "Go to your dashboard" }).click();
      await expect(page).toHaveURL(/\/customer$/);
    }
  });

  test('/login/verify focuses "Authentication code" as it loads', async () => {
    await page.goto("/customer");
    await signOut(page);
    await signInToVerify(page, account);
    await expect(page.getByLabel("Authentication code", { exact: true })).toBeFocused();
  });

  test('"Use a recovery code" moves focus to "Recovery code", and back', async () => {
    await expect(page).toHaveURL(/\/login\/verify/);
    await button(page, "Use a recovery code").click();
    await expect(page.getByLabel("Recovery code", { exact: true })).toBeFocused();
    await button(page, "Use an authentication code").click();
    await expect(page.getByLabel("Authentication code", { exact: true })).toBeFocused();
  });
});

test.describe("the admin's users list", () => {
  test("a row's buttons keep their names and describe whose account they act on", async ({
    adminPage,
    page,
  }) => {
    // "Reset two-factor" is offered to an account with a second factor.
    const customer = await enrolledAccount(page, "customer", "described");
    await openUsersList(adminPage, customer.email);
    const row = userRow(adminPage, customer.email);
    for (const name of ["Reset two-factor", "Sign out everywhere"]) {
      const rowButton = row.getByRole("button", { name, exact: true });
      await expect(rowButton).toHaveCount(1);
      await expect(rowButton).toHaveAccessibleDescription(`${customer.name} ${customer.email}`);
    }
    await expect(
      adminPage.getByRole("button", { name: "Reset two-factor", exact: true }).first(),
    ).toBeVisible();
  });

  test('"Reset two-factor" and "Sign out everywhere" take focus to their confirm button; Escape gives it back', async ({
    adminPage,
    page,
  }) => {
    const customer = await enrolledAccount(page, "customer", "confirming");
    await openUsersList(adminPage, customer.email);
    const row = userRow(adminPage, customer.email);
    for (const name of ["Reset two-factor", "Sign out everywhere"]) {
      await openThenEscape(
        button(row, name),
        row.locator("form").getByRole("button", { name, exact: true }),
      );
    }
  });

  test('"Create user" ends on the users list with the status "User created"', async ({
    adminPage,
  }) => {
    await fillNewUserForm(adminPage, {
      name: "Created Confirmed",
      email: uniqueEmail("created"),
      password: "created password 123",
      role: "Customer",
    });
    await createUserButton(adminPage).click();
    await expect(adminPage).toHaveURL(/\/backend\/users(\?.*)?$/);
    await expect(adminPage.getByRole("status")).toHaveText("User created");
  });
});
