// Signing in and out through the browser: /login, /login/verify (step 2), "Sign out".
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { Authenticator } from "./totp";

/** The login page's own path, not `/login/verify` or `/login/enroll`. */
export const loginPath = /\/login(\?.*)?$/;
export const verifyUrl = /\/login\/verify(\?.*)?$/;
export const enrollUrl = /\/login\/enroll(\?.*)?$/;

/** A page in a browser context of its own (close the context when done). */
export async function newPage(
  browser: Browser,
  options: { userAgent?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  return { context, page: await context.newPage() };
}

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

/** Step 1 for an enrolled account: password, then the browser waits on /login/verify. */
export async function signInToVerify(
  page: Page,
  account: { email: string; password: string },
): Promise<void> {
  await submitSignIn(page, account.email, account.password);
  await expect(page).toHaveURL(verifyUrl);
  await expect(page.getByLabel("Authentication code", { exact: true })).toBeVisible();
}

/** Step 2 on /login/verify with a code typed as given. */
export async function submitVerifyCode(page: Page, code: string): Promise<void> {
  await page.getByLabel("Authentication code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Verify", exact: true }).click();
}

/** Step 2 on /login/verify with the authenticator's code, optionally ticking "Trust this browser". */
export async function verifyWithCode(
  page: Page,
  authenticator: Authenticator,
  options: { trustBrowser?: boolean } = {},
): Promise<void> {
  if (options.trustBrowser) {
    await page.getByRole("checkbox", { name: "Trust this browser", exact: true }).check();
  }
  await submitVerifyCode(page, await authenticator.code());
}

/** Step 2 on /login/verify with a recovery code instead of an authentication code. */
export async function submitRecoveryCode(page: Page, code: string): Promise<void> {
  await page.getByRole("button", { name: "Use a recovery code", exact: true }).click();
  await page.getByLabel("Recovery code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Verify", exact: true }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(loginPath);
}
