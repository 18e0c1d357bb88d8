import type { Locator, Page } from "@playwright/test";

export type NewUser = {
  name: string;
  email: string;
  password: string;
  role: "Admin" | "Customer";
};

/** Opens /backend/users/new (as a signed-in admin) and fills the form, without submitting. */
export async function fillNewUserForm(page: Page, user: NewUser): Promise<void> {
  await page.goto("/backend/users/new");
  await page.getByLabel("Name", { exact: true }).fill(user.name);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: user.role });
}

export function createUserButton(page: Page): Locator {
  return page.getByRole("button", { name: "Create user", exact: true });
}

/** Where an email address is shown on the page, ignoring letter case. */
export function emailOnPage(page: Page, email: string): Locator {
  const escaped = email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page.getByText(new RegExp(`^\\s*${escaped}\\s*$`, "i"));
}

/** The users list's row (table row or list item) that shows `email`. */
export function userRow(page: Page, email: string): Locator {
  return emailOnPage(page, email).locator(
    'xpath=ancestor::*[self::tr or self::li or @role="row" or @role="listitem"][1]',
  );
}

/**
 * Opens /backend/users searched for `email` (`?q=`), as an admin finds one account among many:
 * the list is paged, so an account made by an earlier test may not be on the first page.
 */
export async function openUsersList(page: Page, email: string): Promise<void> {
  await page.goto(`/backend/users?q=${encodeURIComponent(email)}`);
}

/** From /backend/users, the "Edit" link of the account shown with `email`: /backend/users/<id>. */
export async function openEditUser(page: Page, email: string): Promise<void> {
  await openUsersList(page, email);
  await userRow(page, email).getByRole("link", { name: "Edit", exact: true }).click();
  await page.waitForURL(/\/backend\/users\/[a-z0-9]+$/);
}

/** "Deactivate", then the confirmation's own "Deactivate". */
export async function deactivateOnEditPage(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Deactivate", exact: true }).click();
  await page.getByRole("button", { name: "Deactivate", exact: true }).click();
}
