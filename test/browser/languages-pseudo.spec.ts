import type { Page } from "@playwright/test";
import { expect, test } from "../support/admin-fixture";
import { admin, createAccount } from "../support/browser-accounts";
import { PHONE } from "../support/phone-and-keyboard";
import { signInAs, signInOverHttp } from "../support/sign-in";
import { enrol } from "../support/two-factor";

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
  /\b[a-z0-9]{5}-[a-z0-9]{5}\b/g, // recovery codes
];

async function switchToPseudo(page: Page) {
  await page.context().setExtraHTTPHeaders({ "accept-language": "en-XA" });
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

test("the public pages say every word through a catalogue and fit 360 px with longer words", async ({
  page,
}) => {
  await switchToPseudo(page);
  await expectTranslatedAndFitting(page, "/login");
  await expectTranslatedAndFitting(page, "/login/forgot");
  await expectTranslatedAndFitting(page, "/login/reset/not-a-real-token");
  await expectTranslatedAndFitting(page, "/login/not-me/not-a-real-token");
  await expectTranslatedAndFitting(page, "/no-such-page");
});

test("a customer's pages, and the second step, say every word through a catalogue", async ({
  page,
}) => {
  const account = await createAccount("customer", "pseudo");
  await signInAs(page, account, "/customer");
  await enrol(page, account);
  await switchToPseudo(page);
  const names = [account.name];
  await expectTranslatedAndFitting(page, "/customer", names);
  await expectTranslatedAndFitting(page, "/customer/account", names);
  await page.context().clearCookies();
  await signInOverHttp(page.context(), account);
  await expectTranslatedAndFitting(page, "/login/verify", names);
});

test("an admin's pages say every word through a catalogue and fit 360 px", async ({
  adminPage,
}) => {
  await switchToPseudo(adminPage);
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
