// The account pages in German, French and Spanish, and the account's own "Language" (docs/rules.md,
// "Languages"): the account's choice wins over the browser's, the browser's over the instance
// default; the page, its <html lang> and its dates follow the language shown.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { accountPage, createAccount, type Account } from "../support/browser-accounts";
import { storedUser } from "../support/browser-database";
import { PHONE, expectUsableOnPhoneByKeyboard } from "../support/phone-and-keyboard";
import { signInAs } from "../support/sign-in";
import { Authenticator, secretFromSetupKey } from "../support/totp";
import { ensureSettings, NEUTRAL_SETTINGS } from "../support/two-factor-settings";

test.beforeAll(async ({ browser }) => {
  await ensureSettings(browser, NEUTRAL_SETTINGS);
});

/** A new customer, signed in on `page`, on the account page. */
async function customerOnAccountPage(page: Page, prefix: string): Promise<Account> {
  const customer = await createAccount("customer", prefix);
  await signInAs(page, customer, "/customer");
  await page.goto(accountPage("customer"));
  return customer;
}

const heading = (page: Page, name: string, level?: number) =>
  page.getByRole("heading", { name, exact: true, level });

/** Chooses `option` in the select labelled `label` and presses `save`; waits for `saved`. */
async function saveLanguage(
  page: Page,
  label: string,
  option: string,
  save: string,
  saved: string,
) {
  await page.getByLabel(label, { exact: true }).selectOption({ label: option });
  await page.getByRole("button", { name: save, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: saved })).toBeVisible();
}

/** axe's rules that the German account page keeps, as axe.spec.ts checks the English one. */
async function axeRulesBroken(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .setLegacyMode()
    .analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.help}`);
}

/** Today's month as `locale` abbreviates it in the pages' dates ("Dez.", "dic"). */
const thisMonth = (locale: string) =>
  new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" }).format(new Date());

test("a customer chooses Deutsch: the account page is German, the choice stays, and goes back", async ({
  page,
}) => {
  const customer = await customerOnAccountPage(page, "lang-de");
  const language = page.getByLabel("Language", { exact: true });
  await expect(language).toHaveValue("");
  await expect(language.locator("option")).toHaveText([
    "Your browser’s language",
    "English",
    "Deutsch",
    "Français",
    "Español",
  ]);

  await saveLanguage(page, "Language", "Deutsch", "Save", "Sprache gespeichert.");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(heading(page, "Konto", 1)).toBeVisible();
  await expect(heading(page, "Profil")).toBeVisible();
  await expect(heading(page, "Zwei-Faktor-Authentifizierung")).toBeVisible();
  await expect(
    page.getByRole("button", { name: "Zwei-Faktor-Authentifizierung einrichten", exact: true }),
  ).toBeVisible();
  const passkeys = page.getByRole("region", { name: "Passkeys", exact: true });
  await expect(passkeys).toContainText("Ein Passkey meldet Sie mit der Bildschirmsperre");
  await expect(passkeys.getByRole("button", { name: "Passkey hinzufügen" })).toBeVisible();
  await expect(heading(page, "Passwort ändern")).toBeVisible();
  const browsers = page.getByRole("region", { name: "Angemeldete Browser", exact: true });
  await expect(browsers).toContainText("Dieser Browser");
  // Products keep their names; the word between them is German ("Chrome unter Linux").
  await expect(browsers).toContainText(" unter ");
  await expect(browsers.locator("time").first()).toContainText(thisMonth("de"));
  expect(storedUser(customer.email).language).toBe("de");

  // What is stored shows after a reload, and the next page is German too.
  await page.reload();
  await expect(page.getByLabel("Sprache", { exact: true })).toHaveValue("de");
  await page.goto("/customer");
  await expect(heading(page, "Übersicht", 1)).toBeVisible();
  await expect(page.getByRole("link", { name: "Ihr Konto und Ihre Sicherheit" })).toBeVisible();

  await page.goto(accountPage("customer"));
  await saveLanguage(page, "Sprache", "Sprache Ihres Browsers", "Speichern", "Language saved.");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(heading(page, "Account", 1)).toBeVisible();
  await expect(page.getByLabel("Language", { exact: true })).toHaveValue("");
  expect(storedUser(customer.email).language).toBeNull();
});

test.describe("in a German browser", () => {
  test.use({ locale: "de-DE" });

  test("an account with no choice sees German; one that chose Español sees Spanish", async ({
    page,
  }) => {
    const customer = await customerOnAccountPage(page, "lang-browser");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(heading(page, "Konto", 1)).toBeVisible();
    await expect(page.getByLabel("Sprache", { exact: true })).toHaveValue("");

    await saveLanguage(page, "Sprache", "Español", "Speichern", "Idioma guardado.");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(heading(page, "Cuenta", 1)).toBeVisible();
    await expect(heading(page, "Autenticación de dos factores")).toBeVisible();
    await expect(heading(page, "Llaves de acceso")).toBeVisible();
    const browsers = page.getByRole("region", { name: "Navegadores con sesión iniciada" });
    await expect(browsers).toContainText("Sesión iniciada");
    await expect(browsers.locator("time").first()).toContainText(thisMonth("es"));
    await page.reload();
    await expect(page.getByLabel("Idioma", { exact: true })).toHaveValue("es");
    expect(storedUser(customer.email).language).toBe("es");
  });

  test("at 360 px the German account page, with its QR code, does not scroll sideways and passes axe", async ({
    page,
  }) => {
    await page.setViewportSize(PHONE);
    await customerOnAccountPage(page, "lang-phone");
    await expect(heading(page, "Konto", 1)).toBeVisible();
    await expectUsableOnPhoneByKeyboard(page, "the German account page");
    expect(await axeRulesBroken(page)).toEqual([]);
    await page
      .getByRole("button", { name: "Zwei-Faktor-Authentifizierung einrichten", exact: true })
      .click();
    await expect(page.getByRole("img", { name: "QR-Code", exact: true })).toBeVisible();
    await expectUsableOnPhoneByKeyboard(page, "the German account page with its QR code");
    expect(await axeRulesBroken(page)).toEqual([]);
  });
});

test.describe("in a French browser", () => {
  test.use({ locale: "fr-FR" });

  test("enrolment in French: the QR step, the recovery codes, then enabled", async ({ page }) => {
    const customer = await customerOnAccountPage(page, "lang-fr");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await page
      .getByRole("button", {
        name: "Configurer l’authentification à deux facteurs",
        exact: true,
      })
      .click();
    await expect(page.getByRole("img", { name: "Code QR", exact: true })).toBeVisible();
    await expect(
      page.getByRole("link", { name: "Ouvrir dans l’application d’authentification" }),
    ).toBeVisible();
    await expect(
      page.getByRole("button", { name: "Copier la clé de configuration" }),
    ).toBeVisible();
    await expect(page.getByText("Scannez le code QR avec votre application")).toBeVisible();
    const key = (await page.getByLabel("Clé de configuration", { exact: true }).textContent())!;
    const authenticator = new Authenticator(secretFromSetupKey(key.replace(/\s+/g, " ").trim()));

    // The fields are named by their own helper's words: reached here by their ids.
    await page.locator("#enable-password").fill(customer.password);
    await page.locator("#enable-code").fill(await authenticator.code());
    await page.getByRole("button", { name: "Activer", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Codes de récupération" })).toBeVisible();
    await expect(
      page.getByRole("list", { name: "Codes de récupération" }).getByRole("listitem"),
    ).toHaveCount(10);
    for (const name of ["Télécharger", "Copier", "Imprimer"]) {
      await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
    }
    await page.getByLabel("J’ai enregistré ces codes de récupération", { exact: true }).check();
    await page.getByRole("button", { name: "Terminé", exact: true }).click();
    await expect(page.getByText("Activée", { exact: true })).toBeVisible();
    await expect(page.getByText("10 codes de récupération inutilisés.")).toBeVisible();
    await expect(
      page.getByRole("button", { name: "Désactiver l’authentification à deux facteurs" }),
    ).toBeVisible();
  });
});
