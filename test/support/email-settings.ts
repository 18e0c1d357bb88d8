// The admin's e-mail settings page, /backend/settings/email.
import { expect, type Page } from "@playwright/test";

export type EmailForm = {
  host: string;
  port: string;
  security: "None" | "STARTTLS" | "TLS";
  username: string;
  password: string;
  from: string;
};

/** E-mail off: what every other spec expects between tests. */
export const EMAIL_OFF: EmailForm = {
  host: "",
  port: "587",
  security: "STARTTLS",
  username: "",
  password: "",
  from: "",
};

/** The e-mail settings of an SMTP sink on this machine (test/support/smtp-sink.ts): plain SMTP. */
export function sinkSettings(port: number, from = "appmail@example.com"): EmailForm {
  return { ...EMAIL_OFF, host: "127.0.0.1", port: String(port), security: "None", from };
}

/** Fills and saves the form, and waits for `expected` ("Settings saved" or a refusal). */
export async function saveEmailForm(page: Page, form: EmailForm, expected = "Settings saved") {
  await page.goto("/backend/settings/email");
  await expect(page.getByRole("heading", { name: "E-mail", exact: true })).toBeVisible();
  await page.getByLabel("SMTP host", { exact: true }).fill(form.host);
  await page.getByLabel("SMTP port", { exact: true }).fill(form.port);
  await page
    .getByLabel("Connection security", { exact: true })
    .selectOption({ label: form.security });
  await page.getByLabel("SMTP username", { exact: true }).fill(form.username);
  await page.getByLabel("SMTP password", { exact: true }).fill(form.password);
  await page.getByLabel("From address", { exact: true }).fill(form.from);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(expected, { exact: true })).toBeVisible();
}
