import { expect, type Page } from "@playwright/test";

/** The login page's own path, not `/login/verify` or `/login/enroll`. */
export const loginPath = /\/login(\?.*)?$/;

/** Fills the sign-in form at /login and waits for the browser to leave it. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await submitSignIn(page, email, password);
  await expect(page).not.toHaveURL(loginPath);
}

/** Fills the sign-in form at /login and submits it, without expecting success. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in and expects to land on `path` (e.g. "/backend"). */
export async function signInAs(
  page: Page,
  account: { email: string; password: string },
  path: "/backend" | "/customer",
): Promise<void> {
  await signIn(page, account.email, account.password);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}
