import Database from "better-sqlite3";
import type { Browser } from "@playwright/test";
import { expect, test } from "../support/admin-fixture";
import { createAccount, type Account } from "../support/browser-accounts";
import { databasePath } from "../support/browser-database";
import { EMAIL_OFF, saveEmailForm, sinkSettings } from "../support/email-settings";
import { signInOverHttp } from "../support/sign-in";
import { USER_AGENTS } from "../support/signed-in-browsers";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

// docs/rules.md, "Languages": an e-mail is written in its recipient's language when it is queued,
// the account's own choice, else the instance default; the language of the browser whose request
// caused it counts for nothing. Through the running server and its own sender process (which
// loads the catalogues outside Next.js), as a person receives it.

test.describe.configure({ mode: "serial", timeout: 180_000 });

let sink: SmtpSink | null = null;

test.afterEach(async ({ adminPage }) => {
  await sink?.stop();
  sink = null;
  await saveEmailForm(adminPage, EMAIL_OFF);
});

/**
 * The account's "Language", stored as the account page's "Save" stores it (that page belongs to
 * the account pages' own specs; here only the e-mail matters).
 */
function chooseLanguage(email: string, language: string) {
  const db = new Database(databasePath(), { fileMustExist: true, timeout: 10_000 });
  try {
    db.prepare('UPDATE "User" SET "language" = ? WHERE "email" = ?').run(language, email);
  } finally {
    db.close();
  }
}

/** Signs in from a new browser that asks for pages in `acceptLanguage`. */
async function signInFrom(
  browser: Browser,
  account: Account,
  userAgent: string,
  acceptLanguage: string,
) {
  const context = await browser.newContext({
    userAgent,
    locale: acceptLanguage.split(",")[0],
    extraHTTPHeaders: { "Accept-Language": acceptLanguage },
  });
  await signInOverHttp(context, account);
  await context.close();
}

test("the new-browser notice is written in the account's language, never the browser's", async ({
  adminPage,
  browser,
}) => {
  const mailbox = await startSmtpSink();
  sink = mailbox;
  await saveEmailForm(adminPage, sinkSettings(mailbox.port));
  const account = await createAccount("customer", "mail-language");

  // No language of its own, a German browser: the instance's default, English.
  await signInFrom(browser, account, USER_AGENTS.firefox, "de-DE,de;q=0.9");
  const english = await mailbox.find(
    (mail) => mail.to.includes(account.email) && mail.text.includes("Firefox on Windows"),
    60_000,
  );
  expect(english.subject).toMatch(/: New sign-in to your AppMail account$/);
  expect(english.text).toContain("Browser and system: Firefox on Windows");
  expect(english.text).toMatch(/When: \w+day, \d+ \w+ \d{4} at \d\d:\d\d UTC/);
  expect(english.html).toContain(">This wasn&#39;t me</a>");

  // The account chooses French; a Spanish browser signs in: French.
  chooseLanguage(account.email, "fr");
  await signInFrom(browser, account, USER_AGENTS.chrome, "es-ES,es;q=0.9");
  const french = await mailbox.find(
    (mail) => mail.to.includes(account.email) && mail.text.includes("Chrome sur Linux"),
    60_000,
  );
  expect(french.subject).toMatch(/\u00a0: Nouvelle connexion à votre compte AppMail$/);
  expect(french.text).toMatch(/^Bonjour .+,\n/);
  expect(french.text).toContain("Navigateur et système\u00a0: Chrome sur Linux");
  expect(french.text).toMatch(/Date\u00a0: \S+ \d+ \S+ \d{4} à \d\d:\d\d UTC/);
  expect(french.html).toContain(">Ce n’était pas moi</a>");
  expect(french.text).not.toContain("This wasn't me");
});
