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

/**
 * Step 1 over HTTP in `context`, without the login page: the same next-auth credentials post the
 * form makes (app/(public)/login/credentials-sign-in.ts): `GET /api/auth/csrf`, then
 * `POST /api/auth/callback/credentials` with the token, and `json=true` for an answer instead of a
 * redirect. The context's cookie jar keeps the session (and device) cookies, and its user agent is
 * the browser's. Throws when the sign-in is refused. The form itself is tested by the sign-in
 * specs (sign-in, typos, trusted, pending, return-path, password-reset), which keep
 * `signInThroughForm` and `signInToVerifyThroughForm`.
 */
export async function signInOverHttp(
  context: BrowserContext,
  account: { email: string; password: string },
): Promise<void> {
  // Twice at most, as the form does: a cold server can answer the first post with `csrf=true`.
  for (let attempt = 0; attempt < 2; attempt++) {
    const csrf = await context.request.get("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken?: unknown };
    if (typeof csrfToken !== "string") throw new Error("GET /api/auth/csrf gave no token");
    const response = await context.request.post("/api/auth/callback/credentials", {
      form: { email: account.email, password: account.password, csrfToken, json: "true" },
    });
    const body = (await response.json()) as { url?: unknown };
    if (typeof body.url !== "string") {
      throw new Error(`The credentials post answered ${response.status()} without a URL`);
    }
    const answer = new URL(body.url, "http://answer.invalid");
    if (answer.searchParams.get("csrf") === "true") continue;
    const error = answer.searchParams.get("error");
    if (error) throw new Error(`Signing ${account.email} in over HTTP was refused: ${error}`);
    return;
  }
  throw new Error(`Signing ${account.email} in over HTTP: the CSRF token was refused twice`);
}

/**
 * Signs in and expects to land on `path` (e.g. "/backend"). For tests where signing in is not what
 * they test: step 1 goes over HTTP (`signInOverHttp`), then the page opens /login/verify, where
 * the form sends the browser too, and which forwards a sign-in without a second step to its area.
 */
export async function signInAs(
  page: Page,
  account: { email: string; password: string },
  path: "/backend" | "/customer",
): Promise<void> {
  await signInOverHttp(page.context(), account);
  await page.goto("/login/verify");
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

/** `signInAs` through the login form, for the tests of signing in. */
export async function signInThroughForm(
  page: Page,
  account: { email: string; password: string },
  path: "/backend" | "/customer",
): Promise<void> {
  await signIn(page, account.email, account.password);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

/**
 * Step 1 for an enrolled account, then the browser waits on /login/verify. Step 1 goes over HTTP
 * (`signInOverHttp`); step 2 is left to the test, on the page.
 */
export async function signInToVerify(
  page: Page,
  account: { email: string; password: string },
): Promise<void> {
  await signInOverHttp(page.context(), account);
  await page.goto("/login/verify");
  await expect(page).toHaveURL(verifyUrl);
  await expect(page.getByLabel("Authentication code", { exact: true })).toBeVisible();
}

/** `signInToVerify` through the login form, for the tests of signing in. */
export async function signInToVerifyThroughForm(
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
