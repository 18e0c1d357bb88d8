import { expect, test } from "../support/admin-fixture";
import { createAccount } from "../support/browser-accounts";
import { runAppmail } from "../support/cli";
import { EMAIL_OFF, saveEmailForm } from "../support/email-settings";
import { alertWith } from "../support/observe";
import { freePort, startSmtpSink, type SmtpSink } from "../support/smtp-sink";

// the From address may carry a display name; "Send test e-mail" and the outbox say what
// went wrong in words; the outbox warns while delivery is failing (docs/architecture.md, "The
// outbox").

test.describe.configure({ mode: "serial", timeout: 180_000 });

let sink: SmtpSink | null = null;

test.afterEach(async ({ adminPage }) => {
  await sink?.stop();
  sink = null;
  await saveEmailForm(adminPage, EMAIL_OFF);
});

test("a From address with a display name is saved, shown as stored and sent; garbage is refused at its field", async ({
  adminPage: page,
}) => {
  const mailbox = await startSmtpSink();
  sink = mailbox;
  const server = { ...EMAIL_OFF, host: "127.0.0.1", port: String(mailbox.port) };
  await saveEmailForm(page, { ...server, security: "None", from: "AppMail <noreply@example.com>" });
  await page.reload();
  const from = page.getByLabel("From address", { exact: true });
  await expect(from).toHaveValue("AppMail <noreply@example.com>");

  await page.getByRole("button", { name: "Send test e-mail", exact: true }).click();
  await expect(page.getByText("Test e-mail sent", { exact: true })).toBeVisible();
  const mail = await mailbox.find((received) => received.subject.endsWith(": test e-mail"));
  expect(mail.mail.from?.value).toEqual([{ name: "AppMail", address: "noreply@example.com" }]);

  await saveEmailForm(
    page,
    { ...server, security: "None", from: "AppMail <not an address>" },
    "Check the highlighted fields.",
  );
  await expect(from).toHaveAttribute("aria-invalid", "true");
  await expect(from).toHaveAccessibleDescription(
    /Enter a valid email address, such as noreply@example\.com or AppMail <noreply@example\.com>\./,
  );
  await page.reload();
  await expect(from).toHaveValue("AppMail <noreply@example.com>");
});

test("the test e-mail says in words that the server cannot be found; the outbox warns while delivery fails", async ({
  adminPage: page,
}) => {
  const from = "appmail@example.com";
  await saveEmailForm(page, { ...EMAIL_OFF, host: "no-such-host.invalid", from });
  await page.getByRole("button", { name: "Send test e-mail", exact: true }).click();
  const lookup = alertWith(page, "Could not find the SMTP server no-such-host.invalid.");
  await expect(lookup).toBeVisible({ timeout: 30_000 });
  expect((await lookup.innerText()).split("\n")).toHaveLength(1);
  await expect(lookup).not.toContainText(/ENOTFOUND|EAI_AGAIN|getaddrinfo/);

  const port = await freePort();
  await saveEmailForm(page, {
    ...EMAIL_OFF,
    host: "127.0.0.1",
    port: String(port),
    security: "None",
    from,
  });
  const customer = await createAccount("customer", "undelivered");
  expect((await runAppmail(["user:reset-2fa", "--email", customer.email])).exitCode).toBe(0);

  // The sender tries every 5 seconds: the customer's notice is then tried once and refused, its
  // refusal stored in words, and the page warns. (Older queued messages may be tried first.)
  const words = `The SMTP server 127.0.0.1:${port} refused the connection.`;
  const warning = alertWith(page, /^Delivery is failing/);
  const row = page.getByRole("row").filter({ hasText: customer.email });
  await expect(async () => {
    await page.goto("/backend/email");
    await expect(row.getByRole("cell").nth(4)).toHaveText("1", { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await expect(row.getByRole("cell").nth(3)).toContainText("Queued");
  await expect(row.getByRole("cell").nth(5)).toHaveText(words);
  await expect(warning).toHaveText(`Delivery is failing: ${words} Check the e-mail settings.`);
  await expect(warning.getByRole("link", { name: "e-mail settings" })).toHaveAttribute(
    "href",
    "/backend/settings/email",
  );
});
