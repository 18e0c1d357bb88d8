import { expect, test, type Page } from "@playwright/test";
import { asAdmin } from "../support/admin-browser";
import { accountPage, createAccount, dashboardUrl } from "../support/browser-accounts";
import {
  addPasskeyHere,
  authenticatorWith,
  passkeyItem,
  VirtualAuthenticator,
} from "../support/passkeys";
import {
  loginPath,
  newPage,
  signInToVerifyThroughForm,
  submitRecoveryCode,
  submitSignIn,
} from "../support/sign-in";
import { expectUsableOnPhoneByKeyboard, PHONE } from "../support/phone-and-keyboard";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "../support/smtp-sink";
import { enrolledAccount, enrolledWithoutBrowser } from "../support/two-factor";
import { ensureTwoFactorOn } from "../support/two-factor-settings";

// docs/rules.md, rule 21, end to end: the admin points the app at an SMTP server (here one in the
// test process), "Forgot your password?" sends a link, the link asks for a new password and the
// second factor, and the new password signs in; a used link is refused and every old sign-in ended.

const RESET_SENT = "If an account exists for that address, a reset link is on its way.";
const INVALID_LINK = "This link is not valid or has expired.";
const NEW_PASSWORD = "a fresh reset passphrase";

let sink: SmtpSink;

/** Saves /backend/settings/email: the sink, or (null) no SMTP server at all. */
async function saveSmtp(page: Page, port: number | null) {
  await page.goto("/backend/settings/email");
  await expect(page.getByRole("heading", { name: "E-mail", exact: true })).toBeVisible();
  await page.getByLabel("SMTP host", { exact: true }).fill(port ? "127.0.0.1" : "");
  await page.getByLabel("SMTP port", { exact: true }).fill(String(port ?? 587));
  await page.getByLabel("Connection security", { exact: true }).selectOption({ label: "None" });
  await page.getByLabel("From address", { exact: true }).fill(port ? "appmail@example.com" : "");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
}

/** The message to `to` whose subject contains `subject`, once the app's sender delivered it. */
async function mailTo(to: string, subject: string): Promise<ReceivedMail> {
  const find = () =>
    sink.received.find(
      (mail) => mail.to.includes(to.toLowerCase()) && mail.subject.includes(subject),
    );
  await expect.poll(() => Boolean(find()), { timeout: 30_000 }).toBe(true);
  return find()!;
}

/** "Forgot your password?" on /login for `email`, and the link the message carries. */
async function askForLink(visitor: Page, email: string): Promise<string> {
  await visitor.goto("/login");
  await visitor.getByRole("link", { name: "Forgot your password?", exact: true }).click();
  await expect(visitor).toHaveURL(/\/login\/forgot$/);
  await visitor.getByLabel("Email", { exact: true }).fill(email);
  await visitor.getByRole("button", { name: "Send reset link", exact: true }).click();
  await expect(visitor.getByRole("status")).toHaveText(RESET_SENT);
  const mail = await mailTo(email, "Reset your password");
  const link = /https?:\/\/\S+\/login\/reset\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  expect(link, "the message carries the link").toBeDefined();
  expect(link!.startsWith(test.info().project.use.baseURL!)).toBe(true);
  return link!;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  sink = await startSmtpSink();
  await ensureTwoFactorOn(browser);
  await asAdmin(browser, (page) => saveSmtp(page, sink.port));
});

test.afterAll(async ({ browser }) => {
  test.setTimeout(90_000);
  await asAdmin(browser, (page) => saveSmtp(page, null));
  await sink.stop();
});

test("the link's 'Use a recovery code' asks for a recovery code, not the authenticator's code, and back", async ({
  page,
}) => {
  const account = await enrolledWithoutBrowser("customer", "reset-words");
  await page.goto(await askForLink(page, account.email));
  const main = page.getByRole("main");
  const codeWords = /Enter the 6-digit code from your authenticator app/;
  const recoveryWords = /Enter one of your recovery codes/;
  await expect(main.getByText(codeWords)).toBeVisible();
  await page.getByRole("button", { name: "Use a recovery code", exact: true }).click();
  await expect(page.getByLabel("Recovery code", { exact: true })).toBeVisible();
  await expect(main.getByText(recoveryWords)).toBeVisible();
  await expect(main.getByText(codeWords)).toHaveCount(0);
  await page.getByRole("button", { name: "Use an authentication code", exact: true }).click();
  await expect(main.getByText(codeWords)).toBeVisible();
  await expect(main.getByText(recoveryWords)).toHaveCount(0);
});

test("a reset by e-mail asks for the second factor, signs everyone out and works once", async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  // Signed in on `page`, enrolled: this sign-in must end with the reset.
  const account = await enrolledAccount(page, "customer", "reset");

  const { context, page: visitor } = await newPage(browser);
  try {
    // On a phone and by keyboard (rule 16): the form that asks for the link, and the link's page.
    await visitor.setViewportSize(PHONE);
    await visitor.goto("/login/forgot");
    await expectUsableOnPhoneByKeyboard(visitor, "/login/forgot");
    const link = await askForLink(visitor, account.email);
    await visitor.goto(link);
    await expectUsableOnPhoneByKeyboard(visitor, "/login/reset/<token>");
    await visitor.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await visitor
      .getByLabel("Authentication code", { exact: true })
      .fill(await account.authenticator.code());
    await visitor.getByRole("button", { name: "Set new password", exact: true }).click();
    await expect(visitor).toHaveURL(/\/login\?reset=done$/);
    await expect(visitor.getByRole("status")).toContainText("Your password has been reset");

    await signInToVerifyThroughForm(visitor, { email: account.email, password: NEW_PASSWORD });
    // A recovery code: enrolment and the reset took two authenticator codes, and a third within
    // the same minute may find no time-step left (test/support/totp.ts).
    await submitRecoveryCode(visitor, account.recoveryCodes[0]!);
    await expect(visitor).toHaveURL(/\/customer\?recoveryCodesLeft=9$/);

    // The link works once: opened again it answers 404 and says so.
    const again = await visitor.goto(link);
    expect(again?.status()).toBe(404);
    await expect(visitor.getByRole("alert").filter({ hasText: INVALID_LINK })).toBeVisible();
  } finally {
    await context.close();
  }

  // The browser that was signed in before the reset is signed out; the old password is refused.
  await page.goto("/customer/account");
  await expect(page).toHaveURL(loginPath);
  await submitSignIn(page, account.email, account.password);
  await expect(
    page.getByRole("alert").filter({ hasText: "Invalid email or password" }),
  ).toBeVisible();

  const notice = await mailTo(account.email, "Your password was reset");
  expect(notice.text).toContain("reset with a reset link");
});

test('an account with a passkey and an app resets its password with "Use a passkey"', async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  const account = await enrolledAccount(page, "customer", "reset-passkey");
  const owner = await VirtualAuthenticator.on(page);
  await page.goto(accountPage(account.role));
  await addPasskeyHere(page, account.password, {
    code: await account.authenticator.code(),
    name: "Phone",
  });
  await expect(passkeyItem(page, "Phone")).toBeVisible();
  const [credential] = await owner.credentials();

  const { context, page: visitor } = await newPage(browser);
  try {
    const link = await askForLink(visitor, account.email);
    await authenticatorWith(visitor, credential!);
    await visitor.setViewportSize(PHONE);
    await visitor.goto(link);
    await expectUsableOnPhoneByKeyboard(visitor, "/login/reset/<token> (with Use a passkey)");
    await visitor.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    // /login, where the reset lands, offers the passkey in the Email field's autofill, and the
    // virtual authenticator answers such a prompt at once: held off, so that the page stays to
    // be read rather than signing in.
    await visitor.route("**/api/passkeys/sign-in-options", (route) => route.abort());
    // Keyboard only: the passkey button is a real button, reached and pressed without a mouse.
    await visitor.getByRole("button", { name: "Use a passkey", exact: true }).focus();
    await visitor.keyboard.press("Enter");
    await expect(visitor).toHaveURL(/\/login\?reset=done$/);
    await expect(visitor.getByRole("status")).toContainText("Your password has been reset");
  } finally {
    await context.close();
  }

  // The new password signs in (in a browser without the passkey, which /login would offer).
  const { context: later, page: again } = await newPage(browser);
  try {
    await signInToVerifyThroughForm(again, { email: account.email, password: NEW_PASSWORD });
    // A recovery code: enrolment and adding the passkey took two authenticator codes already.
    await submitRecoveryCode(again, account.recoveryCodes[0]!);
    await expect(again).toHaveURL(dashboardUrl("customer"));
  } finally {
    await later.close();
  }

  await page.goto("/customer/account");
  await expect(page).toHaveURL(loginPath);
});

test("an unknown address gets the same answer, and no mail", async ({ page }) => {
  const askFor = async (email: string) => {
    await page.goto("/login/forgot");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Send reset link", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText(RESET_SENT);
  };
  const unknown = "nobody-at-all@example.com";
  await askFor(unknown);
  // A real account's link, asked for after it, arrives: the sender has had its turn at both.
  const known = await createAccount("customer", "reset-marker");
  await askFor(known.email);
  await mailTo(known.email, "Reset your password");
  expect(sink.received.filter((mail) => mail.to.includes(unknown))).toEqual([]);
});

test("without an SMTP server, reset is neither offered nor available", async ({
  browser,
  page,
}) => {
  await asAdmin(browser, (admin) => saveSmtp(admin, null));
  try {
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Forgot your password?" })).toHaveCount(0);
    const response = await page.goto("/login/forgot");
    expect(response?.status()).toBeLessThan(500);
    await expect(page.getByText("Password reset is not available on this instance.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Send reset link" })).toHaveCount(0);
  } finally {
    await asAdmin(browser, (admin) => saveSmtp(admin, sink.port));
  }
});
