import { expect, test, type Browser, type Page } from "@playwright/test";
import { admin } from "../support/browser-accounts";
import { alertWith } from "../support/observe";
import { PHONE } from "../support/phone-and-keyboard";
import { signInAs } from "../support/sign-in";

// The backend in the admin's language, and the instance's "Default language" (docs/rules.md,
// "Languages"): an admin chooses Français on /backend/settings/general, the form shows it after a
// reload, a visitor whose browser names none of ours gets French and one asking for German gets
// German; an admin whose browser asks for German reads the users list, the security overview (its
// chart's table too) and the security log in German, with German dates, at 360 px without
// scrolling sideways; French and Spanish admins get their own words.

const GENERAL = "/backend/settings/general";

/** "8. Dez. 2026, 14:05 UTC": a moment written the German way (lib/format/date-time.ts). */
const GERMAN_MOMENT = /\d{1,2}\. \p{L}{3,4}\.? \d{4}, \d{2}:\d{2} UTC/u;

/** The first admin in a browser of its own that asks for `locale`. */
async function adminIn(browser: Browser, locale: string): Promise<Page> {
  const page = await (await browser.newContext({ locale })).newPage();
  await signInAs(page, admin, "/backend");
  return page;
}

async function saveDefaultLanguage(page: Page, language: string) {
  await page.goto(GENERAL);
  await page.getByLabel("Default language").selectOption({ label: language });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Settings saved");
}

async function htmlLangOfLogin(browser: Browser, locale: string): Promise<string | null> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await page.goto("/login");
  const lang = await page.locator("html").getAttribute("lang");
  await context.close();
  return lang;
}

test("an admin sets Default language to Français: visitors whose browser names none of ours get French", async ({
  browser,
}) => {
  const page = await adminIn(browser, "en-GB");
  // Opened before the save, as another admin's tab would be.
  const stale = await page.context().newPage();
  await stale.goto(GENERAL);
  try {
    await page.goto(GENERAL);
    await expect(page.getByRole("heading", { name: "General", level: 1 })).toBeVisible();
    const select = page.getByLabel("Default language");
    await expect(select.getByRole("option")).toHaveText([
      "English",
      "Deutsch",
      "Français",
      "Español",
    ]);
    await expect(select).toHaveValue("en");

    await saveDefaultLanguage(page, "Français");
    await page.reload();
    await expect(page.getByLabel("Default language")).toHaveValue("fr");

    // The tab read before that save does not overwrite it, and then shows what is stored.
    await stale.getByLabel("Default language").selectOption({ label: "Español" });
    await stale.getByRole("button", { name: "Save", exact: true }).click();
    await expect(alertWith(stale, /^Another admin saved these settings/)).toBeVisible();
    await expect(stale.getByLabel("Default language")).toHaveValue("fr");

    expect(await htmlLangOfLogin(browser, "ja-JP")).toBe("fr");
    expect(await htmlLangOfLogin(browser, "de-DE")).toBe("de");
    // The admin's own browser asks for English: the backend stays English.
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  } finally {
    await saveDefaultLanguage(page, "English");
    await page.context().close();
  }
  expect(await htmlLangOfLogin(browser, "ja-JP")).toBe("en");
});

test("a German-speaking admin reads users, the security overview and the security log in German, at 360 px too", async ({
  browser,
}) => {
  const page = await adminIn(browser, "de-DE");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");

  await page.goto("/backend/users");
  await expect(page.getByRole("heading", { name: "Benutzer", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Neuer Benutzer" })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Suche" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Filtern" })).toBeVisible();
  const adminRow = page.getByRole("row").filter({ hasText: admin.email });
  await expect(adminRow).toContainText("Rolle:Administrator");
  await expect(adminRow).toContainText("Ihre Kontoseite");
  await expect(adminRow.getByText("Letzte Anmeldung:").locator("xpath=..")).toHaveText(
    new RegExp(`Letzte Anmeldung:${GERMAN_MOMENT.source}`, "u"),
  );
  await expect(page).toHaveTitle(/Benutzer/);

  await page.goto("/backend/security");
  await expect(page.getByRole("heading", { name: "Sicherheitsübersicht", level: 1 })).toBeVisible();
  const byRole = page.getByRole("table", { name: "Schutz nach Rolle", exact: true });
  await expect(byRole.getByRole("columnheader")).toHaveText([
    "Konten",
    "Authenticator-App",
    "Passkey",
    "Kein zweiter Faktor",
    "Geschützt",
  ]);
  await expect(byRole.getByRole("rowheader")).toHaveText([
    "Administratoren",
    "Kunden",
    "Alle Konten",
  ]);
  await expect(page.getByRole("img", { name: "Geschützte Konten im Zeitverlauf" })).toBeVisible();
  const history = page.getByRole("table", { name: "Geschützte Konten im Zeitverlauf, nach Tag" });
  await expect(history.getByRole("columnheader")).toHaveText([
    "Tag",
    "Administratoren",
    "Kunden",
    "Alle Konten",
  ]);
  // The last row is today, the German way ("8. Dez."), with a German percentage ("100 %").
  const today = new Intl.DateTimeFormat("de-DE", {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  }).format(new Date());
  const lastDay = history.getByRole("row").last();
  await expect(lastDay.getByRole("rowheader")).toHaveText(today);
  await expect(lastDay.getByRole("cell").first()).toHaveText(/^\d{1,3}\u00a0%$/);
  await expect(page.getByRole("link", { name: "CSV herunterladen" })).toBeVisible();

  await page.goto("/backend/audit");
  await expect(page.getByRole("heading", { name: "Sicherheitsprotokoll", level: 1 })).toBeVisible();
  await expect(page.getByText(/^\d+ Ereignisse?, neueste zuerst\. Zeiten in UTC\.$/)).toBeVisible();
  const log = page.getByRole("table", { name: "Sicherheitsereignisse, neueste zuerst" });
  await expect(log.getByRole("columnheader")).toHaveText([
    "Wann",
    "Wer",
    "Ereignis",
    "Client-Adresse",
    "User-Agent",
    "Details",
  ]);
  // This browser's own sign-in, the newest row: its event and details in German, a German date.
  const newest = log.getByRole("row").nth(1);
  await expect(newest).toContainText("Anmeldung erfolgreich");
  await expect(newest.getByRole("cell").first()).toHaveText(GERMAN_MOMENT);
  await expect(page.getByLabel("Ereignis", { exact: true })).toContainText("Konto entsperrt");

  await page.setViewportSize(PHONE);
  for (const path of [
    "/backend",
    "/backend/users",
    "/backend/users/new",
    "/backend/security",
    "/backend/audit",
    "/backend/email",
    "/backend/settings/2fa",
    "/backend/settings/email",
    GENERAL,
  ]) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} scrolls sideways at 360 px in German`).toBeLessThanOrEqual(PHONE.width);
  }
  await page.context().close();
});

for (const [locale, lang, words] of [
  [
    "fr-FR",
    "fr",
    {
      general: "Général",
      language: "Langue par défaut",
      save: "Enregistrer",
      users: "Utilisateurs",
    },
  ],
  [
    "es-ES",
    "es",
    { general: "General", language: "Idioma predeterminado", save: "Guardar", users: "Usuarios" },
  ],
] as const) {
  test(`an admin whose browser asks for ${locale} reads the settings and users in that language`, async ({
    browser,
  }) => {
    const page = await adminIn(browser, locale);
    await page.goto(GENERAL);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.getByRole("heading", { name: words.general, level: 1 })).toBeVisible();
    // Each language is offered by its own name, whatever the page's language.
    await expect(page.getByLabel(words.language).getByRole("option")).toHaveText([
      "English",
      "Deutsch",
      "Français",
      "Español",
    ]);
    await expect(page.getByRole("button", { name: words.save, exact: true })).toBeVisible();
    await page.goto("/backend/users");
    await expect(page.getByRole("heading", { name: words.users, level: 1 })).toBeVisible();
    await page.context().close();
  });
}
