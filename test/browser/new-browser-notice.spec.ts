import { expect, test } from "../support/admin-fixture";
import { createAccount } from "../support/browser-accounts";
import { outboxCount } from "../support/browser-database";
import { EMAIL_OFF, saveEmailForm, sinkSettings } from "../support/email-settings";
import { alertWith } from "../support/observe";
import { newPage, signIn, signOut } from "../support/sign-in";
import { expectSignedOut, USER_AGENTS } from "../support/signed-in-browsers";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

// docs/rules.md, rule 35: a sign-in from a browser the account does not know sends "New sign-in to
// your AppMail account" with a "This wasn't me" link; opening it ends that sign-in, once. A browser
// the account knows gets no notice.

test.describe.configure({ mode: "serial", timeout: 180_000 });

const SUBJECT = "New sign-in to your AppMail account";
const LINK = /https?:\/\/[^\s]+(\/login\/not-me\/[A-Za-z0-9_-]{43})/;
let sink: SmtpSink | null = null;

test.afterEach(async ({ adminPage }) => {
  await sink?.stop();
  sink = null;
  await saveEmailForm(adminPage, EMAIL_OFF);
});

test("a stranger's sign-in is reported; 'This wasn't me' ends it once; the owner's own browser is not reported again", async ({
  adminPage,
  browser,
}) => {
  const mailbox = await startSmtpSink();
  sink = mailbox;
  await saveEmailForm(adminPage, sinkSettings(mailbox.port));
  const account = await createAccount("customer", "notme");

  // The owner's first sign-in in this browser is new; signing in again in it is not.
  const owner = await newPage(browser, { userAgent: USER_AGENTS.chrome });
  await signIn(owner.page, account.email, account.password);
  await expect(owner.page).toHaveURL(/\/customer$/);
  expect(outboxCount(account.email, SUBJECT)).toBe(1);
  await signOut(owner.page);
  await signIn(owner.page, account.email, account.password);
  await expect(owner.page).toHaveURL(/\/customer$/);
  expect(outboxCount(account.email, SUBJECT)).toBe(1);

  // Someone else signs in with the password, from another browser.
  const stranger = await newPage(browser, { userAgent: USER_AGENTS.firefox });
  await signIn(stranger.page, account.email, account.password);
  await expect(stranger.page).toHaveURL(/\/customer$/);
  expect(outboxCount(account.email, SUBJECT)).toBe(2);
  const notice = await mailbox.find(
    (mail) => mail.to.includes(account.email) && mail.text.includes("Firefox on Windows"),
    60_000,
  );
  expect(notice.subject).toMatch(new RegExp(`${SUBJECT}$`));
  expect(notice.text).toContain("Browser and system: Firefox on Windows");
  expect(notice.text).toMatch(/Address: \S+/);
  expect(notice.text).toMatch(/When: .+ UTC/);
  expect(notice.html).toContain(">This wasn&#39;t me</a>");
  const path = LINK.exec(notice.text)![1]!;

  // The owner opens the link in their own browser.
  const answer = await owner.page.goto(path);
  expect(answer?.status()).toBe(200);
  await expect(
    owner.page.getByRole("heading", { name: "That sign-in has been ended.", exact: true }),
  ).toBeVisible();
  await expect(
    owner.page.getByRole("link", { name: "Change your password", exact: true }),
  ).toHaveAttribute("href", "/login/forgot");
  await expectSignedOut(stranger.page, "/customer", true);
  await expectSignedOut(owner.page, "/customer", false);

  // A second use, an unknown link and a malformed one: the same clear page, nothing ended.
  for (const bad of [
    path,
    `/login/not-me/${"A".repeat(43)}`,
    `/login/not-me/${"A".repeat(44)}`,
    "/login/not-me/x",
  ]) {
    const again = await owner.page.goto(bad);
    expect(again?.status(), bad).toBe(404);
    await expect(alertWith(owner.page, "This link is not valid or has expired.")).toBeVisible();
    await expect(
      owner.page.getByRole("link", { name: "Change your password", exact: true }),
    ).toBeVisible();
  }
  await expectSignedOut(owner.page, "/customer", false);
  await owner.context.close();
  await stranger.context.close();
});
