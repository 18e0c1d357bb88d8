import type { Browser, Page } from "@playwright/test";
import { expect, test } from "../support/admin-fixture";
import { admin, createAccount } from "../support/browser-accounts";
import { PHONE } from "../support/phone-and-keyboard";
import { signInAs, signInOverHttp } from "../support/sign-in";
import { enrol } from "../support/two-factor";
import { COMPANY_NAME, ensureSettings } from "../support/two-factor-settings";

// The pseudo-locale en-XA (docs/architecture.md, "Languages"): every message of the catalogues
// accented, 40 % longer and between ⟦ and ⟧. Walked at 360 px, each page must show no word of
// English left outside a message (a word no catalogue holds) and no horizontal scroll (a layout
// that German's longer words would break). The test servers offer en-XA (playwright.config.ts).

/** Words that are data, not the product's: what people typed, browsers, dates, codes. */
const DATA = [
  /\S+@\S+\.\w+/g, // e-mail addresses
  /\b(?:Chrome|Chromium|HeadlessChrome|Firefox|Safari|Edge|Linux|Windows|macOS|Android|iOS|iPhone|iPad|Mac|OS|X)\b/g,
  /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|UTC)\b/g, // en-XA dates are en-GB's
  /\bAppMail\b/g,
  new RegExp(COMPANY_NAME, "g"), // the company name, never translated (docs/rules.md, rule 2)
  /\b(?:English|Deutsch|Français|Español)\b/gu, // each language by its own name
  /\b[a-z0-9]{5}-[a-z0-9]{5}\b/g, // recovery codes
];

/**
 * A page in the pseudo-locale with `signedIn`'s cookies: a context of its own, as Chromium takes
 * its Accept-Language from the context's locale, not from extra headers.
 */
async function pseudoPage(browser: Browser, signedIn?: Page): Promise<Page> {
  const storageState = signedIn ? await signedIn.context().storageState() : undefined;
  const context = await browser.newContext({ locale: "en-XA", storageState });
  return context.newPage();
}

/** What is left on the page, and in its labels and placeholders, outside ⟦…⟧ and data. */
async function untranslated(page: Page, names: string[]): Promise<string[]> {
  const shown = await page.evaluate(() => {
    const attributes = [...document.querySelectorAll("[aria-label], [placeholder], [title]")]
      .filter((element) => !(element instanceof HTMLInputElement && element.type === "hidden"))
      .flatMap((element) =>
        ["aria-label", "placeholder", "title"].map((name) => element.getAttribute(name) ?? ""),
      );
    return [document.title, document.body.innerText, ...attributes].join("\n");
  });
  let rest = shown.replace(/⟦[^⟧]*⟧/gs, " ");
  for (const name of names) rest = rest.replaceAll(name, " ");
  for (const pattern of DATA) rest = rest.replace(pattern, " ");
  return [...new Set(rest.match(/[A-Za-z]{2,}/g) ?? [])];
}

async function expectTranslatedAndFitting(page: Page, path: string, names: string[] = []) {
  await page.setViewportSize(PHONE);
  if (path) await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("lang", "en-XA");
  expect.soft(await untranslated(page, names), `untranslated words on ${page.url()}`).toEqual([]);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect
    .soft(width, `horizontal scroll on ${page.url()} at 360 px`)
    .toBeLessThanOrEqual(PHONE.width);
}

test.describe.configure({ timeout: 180_000 });

test.beforeAll(async ({ browser }) => {
  await ensureSettings(browser);
});

test("the public pages say every word through a catalogue and fit 360 px with longer words", async ({
  browser,
}) => {
  const page = await pseudoPage(browser);
  await expectTranslatedAndFitting(page, "/login");
  await expectTranslatedAndFitting(page, "/login/forgot");
  await expectTranslatedAndFitting(page, "/login/reset/not-a-real-token");
  await expectTranslatedAndFitting(page, "/login/not-me/not-a-real-token");
  await expectTranslatedAndFitting(page, "/no-such-page");
});

test("a customer's pages, and the second step, say every word through a catalogue", async ({
  page: english,
  browser,
}) => {
  const account = await createAccount("customer", "pseudo");
  await signInAs(english, account, "/customer");
  await enrol(english, account);
  const page = await pseudoPage(browser, english);
  const names = [account.name];
  await expectTranslatedAndFitting(page, "/customer", names);
  await expectTranslatedAndFitting(page, "/customer/account", names);
  await page.context().clearCookies();
  await signInOverHttp(page.context(), account);
  await expectTranslatedAndFitting(page, "/login/verify", names);
});

test("an admin's pages say every word through a catalogue and fit 360 px", async ({
  adminPage: english,
  browser,
}) => {
  const adminPage = await pseudoPage(browser, english);
  const names = [admin.name];
  for (const path of [
    "/backend",
    `/backend/users?q=${encodeURIComponent(admin.email)}`,
    "/backend/users/new",
    "/backend/security",
    "/backend/settings/2fa",
    "/backend/settings/email",
    "/backend/settings/general",
    "/backend/account",
  ]) {
    await expectTranslatedAndFitting(adminPage, path, names);
  }
});
