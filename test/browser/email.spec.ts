import { expect, test } from "../support/admin-fixture";
import { admin, createAccount } from "../support/browser-accounts";
import { runAppmail } from "../support/cli";
import { EMAIL_OFF as OFF, saveEmailForm, type EmailForm } from "../support/email-settings";
import { alertWith } from "../support/observe";
import { freePort, startSmtpSink, type SmtpSink } from "../support/smtp-sink";

// docs/rules.md, rules 19 and 24: /backend/settings/email keeps the SMTP password to itself, and
// to the server it was typed for, and sends a test message to the saved server on request;
// /backend/email (the outbox) lists messages without their bodies; the app's sender delivers a
// security notice queued by a change (here `user:reset-2fa`).

// Generous: each command-line run starts a process of its own.
test.describe.configure({ mode: "serial", timeout: 240_000 });

let sink: SmtpSink | null = null;

test.afterEach(async ({ adminPage }) => {
  await sink?.stop();
  sink = null;
  await saveEmailForm(adminPage, OFF);
});

test("the SMTP password is never shown again; the test e-mail and a security notice go out", async ({
  adminPage: page,
}) => {
  const password = `smtp-${Date.now()}-secret`;
  const mailbox = await startSmtpSink({ auth: { username: "mailer", password } });
  sink = mailbox;
  const form: EmailForm = {
    host: "127.0.0.1",
    port: String(mailbox.port),
    security: "None",
    username: "mailer",
    password,
    from: "appmail@example.com",
  };
  await saveEmailForm(page, form);

  await page.reload();
  await expect(page.getByLabel("SMTP password", { exact: true })).toHaveValue("");
  await expect(page.getByText("A password is saved; it is never shown.")).toBeVisible();
  expect(await page.content()).not.toContain(password);
  await expect(page.getByLabel("SMTP host", { exact: true })).toHaveValue("127.0.0.1");

  await page.getByRole("button", { name: "Send test e-mail", exact: true }).click();
  await expect(page.getByText("Test e-mail sent", { exact: true })).toBeVisible();
  // Notices queued by earlier specs while e-mail was off may arrive too: they were waiting.
  const testMail = await mailbox.find((mail) => mail.subject.endsWith(": test e-mail"));
  expect(testMail.to).toEqual([admin.email]);

  const customer = await createAccount("customer", "notice");
  const reset = await runAppmail(["user:reset-2fa", "--email", customer.email]);
  expect(reset.exitCode, reset.stderr).toBe(0);
  const notice = await mailbox.find((mail) => mail.to.includes(customer.email), 60_000);
  expect(notice.subject).toMatch(/Two-factor authentication was reset$/);
  expect(notice.text).toContain("From: the server's command line");

  await page.goto("/backend/email");
  await expect(page.getByRole("heading", { name: "Outbox", exact: true })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: customer.email });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").nth(2)).toHaveText(notice.subject);
  await expect(row.getByRole("cell").nth(3)).toContainText("Sent");
  await expect(row.getByRole("cell").nth(4)).toHaveText("1");
  await expect(page.getByText("If this was not you")).toHaveCount(0);
});

test("a new server saved without the password clears it, the page says so, and the test e-mail carries no login", async ({
  adminPage: page,
}) => {
  // docs/rules.md, rule 24.
  const password = `smtp-${Date.now()}-follows`;
  const trusted = await startSmtpSink({ auth: { username: "mailer", password } });
  const form: EmailForm = {
    host: "127.0.0.1",
    port: String(trusted.port),
    security: "None",
    username: "mailer",
    password,
    from: "appmail@example.com",
  };
  try {
    await saveEmailForm(page, form);
  } finally {
    await trusted.stop();
  }
  const passwordField = page.getByLabel("SMTP password", { exact: true });
  await expect(passwordField).toHaveAccessibleDescription(
    /A password is saved.*Changing the host, port, connection security or username removes it unless you type it again\./,
  );

  // The settings now point at a server that takes any login and keeps what it is sent.
  const collector = await startSmtpSink({ collectLogins: true });
  sink = collector;
  await saveEmailForm(page, { ...form, port: String(collector.port), password: "" });
  await expect(passwordField).toHaveAccessibleDescription("No password is saved.");
  await expect(page.getByLabel("Remove the saved password")).toHaveCount(0);
  await page.reload();
  await expect(passwordField).toHaveAccessibleDescription("No password is saved.");
  await expect(page.getByLabel("SMTP port", { exact: true })).toHaveValue(String(collector.port));

  await page.getByRole("button", { name: "Send test e-mail", exact: true }).click();
  await expect(page.getByText("Test e-mail sent", { exact: true })).toBeVisible();
  await collector.find((mail) => mail.subject.endsWith(": test e-mail"));
  expect(collector.logins).toEqual([]);

  await page.goto("/backend/audit");
  await expect(
    page.getByText("SMTP password cleared, because the server or username changed").first(),
  ).toBeVisible();
});

test("a server that is down: the error in one line; e-mail off: the outbox says why messages wait", async ({
  adminPage: page,
}) => {
  await saveEmailForm(
    page,
    { ...OFF, port: "70000", host: "127.0.0.1", from: "appmail@example.com" },
    "Check the highlighted fields.",
  );
  await expect(page.getByText("Enter the port as a whole number from 1 to 65535.")).toBeVisible();
  await expect(page.getByLabel("SMTP port", { exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );

  const port = await freePort();
  await saveEmailForm(page, {
    ...OFF,
    port: String(port),
    security: "None",
    host: "127.0.0.1",
    from: "appmail@example.com",
  });
  await page.getByRole("button", { name: "Send test e-mail", exact: true }).click();
  // In words, one line: not the resolver's or the socket's raw message.
  const error = alertWith(page, `The SMTP server 127.0.0.1:${port} refused the connection.`);
  await expect(error).toBeVisible();
  expect((await error.innerText()).split("\n")).toHaveLength(1);
  await expect(error).not.toContainText("ECONNREFUSED");

  await saveEmailForm(page, OFF);
  const customer = await createAccount("customer", "waiting");
  expect((await runAppmail(["user:reset-2fa", "--email", customer.email])).exitCode).toBe(0);
  await page.goto("/backend/email");
  await expect(
    page.getByRole("status").filter({ hasText: "E-mail is not configured" }),
  ).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: customer.email });
  await expect(row.getByRole("cell").nth(3)).toHaveText("Queued");
  await expect(row.getByRole("cell").nth(4)).toHaveText("0");

  await page.goto("/backend/settings/email");
  await page.getByRole("button", { name: "Send test e-mail", exact: true }).click();
  await expect(
    alertWith(page, "E-mail is not configured: save an SMTP host and a from address."),
  ).toBeVisible();
});
