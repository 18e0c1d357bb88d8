import { expect, test, type Browser, type Page } from "@playwright/test";
import { uniqueEmail } from "../support/browser-accounts";
import { createUserWithCli } from "../support/cli";
import { disableClientValidation, expectNewMessage } from "../support/observe";
import { loginPath, signInAs, submitSignIn } from "../support/sign-in";

async function newCustomer() {
  const account = {
    name: "Pat Password",
    email: uniqueEmail("pat"),
    password: "original password 1",
  };
  await createUserWithCli({ ...account, role: "customer" });
  return account;
}

async function signedInPage(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, account, "/customer");
  return page;
}

async function fillPasswordChange(page: Page, current: string, next: string): Promise<void> {
  await page.getByLabel("Current password", { exact: true }).fill(current);
  await page.getByLabel("New password", { exact: true }).fill(next);
}

function changePasswordButton(page: Page) {
  return page.getByRole("button", { name: "Change password", exact: true });
}

/** Expects `password` to open the account from a fresh browser, or not. */
async function expectPasswordWorks(
  browser: Browser,
  email: string,
  password: string,
  works: boolean,
): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (works) {
    await signInAs(page, { email, password }, "/customer");
  } else {
    await submitSignIn(page, email, password);
    await expect(
      page.getByRole("alert").filter({ hasText: "Invalid email or password" }),
    ).toBeVisible();
    await expect(page).toHaveURL(loginPath);
  }
  await context.close();
}

test("changing the password signs other sessions out and keeps this one", async ({ browser }) => {
  test.setTimeout(60_000);
  const account = await newCustomer();
  const sessionA = await signedInPage(browser, account);
  const sessionB = await signedInPage(browser, account);
  const newPassword = "a brand new password 2";

  await sessionA.goto("/customer/account");
  await fillPasswordChange(sessionA, account.password, newPassword);
  await changePasswordButton(sessionA).click();
  await expect(sessionA.getByText("Password changed")).toBeVisible();

  await sessionB.goto("/customer");
  await expect(sessionB).toHaveURL(loginPath);

  await sessionA.goto("/customer");
  await expect(sessionA).toHaveURL(/\/customer$/);
  await sessionA.goto("/customer/account");
  await expect(sessionA).toHaveURL(/\/customer\/account$/);

  await expectPasswordWorks(browser, account.email, account.password, false);
  await expectPasswordWorks(browser, account.email, newPassword, true);
  await sessionA.context().close();
  await sessionB.context().close();
});

test("a wrong current password is refused and changes nothing", async ({ browser }) => {
  test.setTimeout(60_000);
  const account = await newCustomer();
  const session = await signedInPage(browser, account);
  const other = await signedInPage(browser, account);

  await session.goto("/customer/account");
  await fillPasswordChange(session, "not my current password", "attempted new password 3");
  await expectNewMessage(session, () => changePasswordButton(session).click());
  await expect(session.getByText("Password changed")).toHaveCount(0);

  // Nothing changed: the other session is still signed in and the old password still works.
  await other.goto("/customer");
  await expect(other).toHaveURL(/\/customer$/);
  await expectPasswordWorks(browser, account.email, account.password, true);
  await session.context().close();
  await other.context().close();
});

test("a new password under 10 characters is refused", async ({ browser }) => {
  test.setTimeout(60_000);
  const account = await newCustomer();
  const session = await signedInPage(browser, account);
  const tooShort = "short9chr";

  // What a person sees: the browser's own check (minlength) or the server's message.
  await session.goto("/customer/account");
  await fillPasswordChange(session, account.password, tooShort);
  const newPasswordField = session.getByLabel("New password", { exact: true });
  const refusedByBrowser = await newPasswordField.evaluate(
    (field) => !(field as HTMLInputElement).validity.valid,
  );
  if (refusedByBrowser) {
    await changePasswordButton(session).click();
    await expect(session).toHaveURL(/\/customer\/account$/);
  } else {
    await expectNewMessage(session, () => changePasswordButton(session).click());
  }
  await expect(session.getByText("Password changed")).toHaveCount(0);

  // Past the browser's checks, the server refuses it too.
  await session.goto("/customer/account");
  await disableClientValidation(session);
  await fillPasswordChange(session, account.password, tooShort);
  await expectNewMessage(session, () => changePasswordButton(session).click());
  await expect(session.getByText("Password changed")).toHaveCount(0);

  await expectPasswordWorks(browser, account.email, account.password, true);
  await session.context().close();
});
