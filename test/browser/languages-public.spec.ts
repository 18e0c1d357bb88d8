import { expect, test, type Page } from "@playwright/test";
import { asAdmin } from "../support/admin-browser";
import { EMAIL_OFF, saveEmailForm, sinkSettings } from "../support/email-settings";
import { alertWith } from "../support/observe";
import { PHONE } from "../support/phone-and-keyboard";
import { storedUser } from "../support/browser-database";
import { loginPath, verifyUrl } from "../support/sign-in";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { enrolledWithoutBrowser } from "../support/two-factor";
import { ensureTwoFactorOn } from "../support/two-factor-settings";

// The public pages and what every page shares, as a German, a French and a Spanish speaker sees
// them (docs/rules.md, "Languages"): their browser's Accept-Language chooses the words, the page
// says which language it is in <html lang>, and German, the longest, fits a 360 px screen.

test.describe.configure({ timeout: 120_000 });

let sink: SmtpSink;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  sink = await startSmtpSink();
  await ensureTwoFactorOn(browser);
  await asAdmin(browser, (page) => saveEmailForm(page, sinkSettings(sink.port)));
});

test.afterAll(async ({ browser }) => {
  test.setTimeout(90_000);
  await asAdmin(browser, (page) => saveEmailForm(page, EMAIL_OFF));
  await sink.stop();
});

type Words = {
  locale: string;
  lang: string;
  signIn: string;
  email: string;
  password: string;
  missing: string;
  forgot: string;
  sendLink: string;
  sent: string;
  backToSignIn: string;
  verifyHeading: string;
  codeInstruction: (email: string) => string;
  code: string;
  recoveryCode: string;
  useRecoveryCode: string;
  verify: string;
  resetHeading: string;
  newPassword: string;
  setNewPassword: string;
  resetInstruction: string;
  signedInAs: string;
  dashboard: string;
  signOut: string;
};

const GERMAN: Words = {
  locale: "de-DE",
  lang: "de",
  signIn: "Anmelden",
  email: "E-Mail",
  password: "Passwort",
  missing: "Geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.",
  forgot: "Passwort vergessen?",
  sendLink: "Link zum Zurücksetzen senden",
  sent: "Falls ein Konto mit dieser Adresse existiert, ist ein Link zum Zurücksetzen unterwegs.",
  backToSignIn: "Zurück zur Anmeldung",
  verifyHeading: "Bestätigung in zwei Schritten",
  codeInstruction: (email) =>
    `Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App für ${email} ein.`,
  code: "Authentifizierungscode",
  recoveryCode: "Wiederherstellungscode",
  useRecoveryCode: "Wiederherstellungscode verwenden",
  verify: "Bestätigen",
  resetHeading: "Neues Passwort wählen",
  newPassword: "Neues Passwort",
  setNewPassword: "Neues Passwort festlegen",
  resetInstruction: "Geben Sie außerdem den 6-stelligen Code aus Ihrer Authenticator-App ein.",
  signedInAs: "Angemeldet als",
  dashboard: "Übersicht",
  signOut: "Abmelden",
};

const FRENCH: Words = {
  locale: "fr-FR",
  lang: "fr",
  signIn: "Se connecter",
  email: "E-mail",
  password: "Mot de passe",
  missing: "Saisissez votre e-mail et votre mot de passe.",
  forgot: "Mot de passe oublié\u00a0?",
  sendLink: "Envoyer le lien de réinitialisation",
  sent: "Si un compte existe pour cette adresse, un lien de réinitialisation est en route.",
  backToSignIn: "Retour à la connexion",
  verifyHeading: "Validation en deux étapes",
  codeInstruction: (email) =>
    `Saisissez le code à 6 chiffres de votre application d’authentification pour ${email}.`,
  code: "Code d’authentification",
  recoveryCode: "Code de récupération",
  useRecoveryCode: "Utiliser un code de récupération",
  verify: "Valider",
  resetHeading: "Choisir un nouveau mot de passe",
  newPassword: "Nouveau mot de passe",
  setNewPassword: "Définir le nouveau mot de passe",
  resetInstruction:
    "Saisissez également le code à 6 chiffres de votre application d’authentification.",
  signedInAs: "Connecté en tant que",
  dashboard: "Tableau de bord",
  signOut: "Se déconnecter",
};

const SPANISH: Words = {
  locale: "es-ES",
  lang: "es",
  signIn: "Iniciar sesión",
  email: "Correo electrónico",
  password: "Contraseña",
  missing: "Introduce tu correo electrónico y tu contraseña.",
  forgot: "¿Has olvidado tu contraseña?",
  sendLink: "Enviar enlace de restablecimiento",
  sent: "Si existe una cuenta con esa dirección, hay un enlace de restablecimiento en camino.",
  backToSignIn: "Volver a iniciar sesión",
  verifyHeading: "Verificación en dos pasos",
  codeInstruction: (email) =>
    `Introduce el código de 6 dígitos de tu aplicación de autenticación para ${email}.`,
  code: "Código de autenticación",
  recoveryCode: "Código de recuperación",
  useRecoveryCode: "Usar un código de recuperación",
  verify: "Verificar",
  resetHeading: "Elige una nueva contraseña",
  newPassword: "Nueva contraseña",
  setNewPassword: "Establecer nueva contraseña",
  resetInstruction: "Introduce también el código de 6 dígitos de tu aplicación de autenticación.",
  signedInAs: "Sesión iniciada como",
  dashboard: "Panel",
  signOut: "Cerrar sesión",
};

/** No horizontal scrolling: the page is no wider than the screen. */
async function expectNoHorizontalScroll(page: Page, what: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${what} scrolls sideways at ${PHONE.width} px`).toBeLessThanOrEqual(0);
}

/** The link of the newest reset message to `to`. */
async function resetLinkFor(to: string): Promise<string> {
  const find = () =>
    sink.received.find(
      (mail) => mail.to.includes(to.toLowerCase()) && /\/login\/reset\//.test(mail.text),
    );
  await expect.poll(() => Boolean(find()), { timeout: 30_000 }).toBe(true);
  const link = /https?:\/\/\S+\/login\/reset\/[A-Za-z0-9_-]{43}/.exec(find()!.text)?.[0];
  expect(link, "the message carries the link").toBeDefined();
  return link!;
}

for (const words of [GERMAN, FRENCH, SPANISH]) {
  test.describe(`a visitor whose browser asks for ${words.locale}`, () => {
    test.use({ locale: words.locale });

    test(`signs in and asks for a reset link in ${words.lang}: /login, /login/verify, /login/forgot and the link's page`, async ({
      page,
    }) => {
      const account = await enrolledWithoutBrowser("customer", `lang-${words.lang}`);
      const phone = words === GERMAN;
      if (phone) await page.setViewportSize(PHONE);

      // /login: the words, the language named, and a mistake said in the same language.
      await page.goto("/login");
      await expect(page.locator("html")).toHaveAttribute("lang", words.lang);
      await expect(page.getByRole("heading", { name: words.signIn, exact: true })).toBeVisible();
      const signIn = page.getByRole("button", { name: words.signIn, exact: true });
      await signIn.click();
      await expect(alertWith(page, words.missing)).toBeVisible();
      if (phone) await expectNoHorizontalScroll(page, "/login");

      // After the password, the second step in the same language, naming the account.
      await page.getByLabel(words.email, { exact: true }).fill(account.email);
      await page.getByLabel(words.password, { exact: true }).fill(account.password);
      await signIn.click();
      await expect(page).toHaveURL(verifyUrl);
      await expect(page.locator("html")).toHaveAttribute("lang", words.lang);
      await expect(page.getByRole("heading", { name: words.verifyHeading })).toBeVisible();
      await expect(page.getByText(words.codeInstruction(account.email))).toBeVisible();
      await expect(page.getByLabel(words.code, { exact: true })).toBeVisible();
      await page.getByRole("button", { name: words.useRecoveryCode, exact: true }).click();
      await expect(page.getByLabel(words.recoveryCode, { exact: true })).toBeFocused();
      if (phone) await expectNoHorizontalScroll(page, "/login/verify");
      await page.getByRole("button", { name: words.signOut, exact: true }).click();
      await expect(page).toHaveURL(loginPath);

      // "Forgot your password?", the form, its answer, and the link's page.
      await page.getByRole("link", { name: words.forgot, exact: true }).click();
      await expect(page.getByRole("heading", { name: words.forgot, exact: true })).toBeVisible();
      await expect(page.getByRole("link", { name: words.backToSignIn, exact: true })).toBeVisible();
      await page.getByLabel(words.email, { exact: true }).fill(account.email);
      await page.getByRole("button", { name: words.sendLink, exact: true }).click();
      await expect(page.getByRole("status")).toHaveText(words.sent);
      if (phone) await expectNoHorizontalScroll(page, "/login/forgot");

      await page.goto(await resetLinkFor(account.email));
      await expect(page.locator("html")).toHaveAttribute("lang", words.lang);
      await expect(page.getByRole("heading", { name: words.resetHeading })).toBeVisible();
      await expect(page.getByLabel(words.newPassword, { exact: true })).toBeVisible();
      await expect(page.getByText(words.resetInstruction, { exact: true })).toBeVisible();
      await expect(page.getByLabel(words.code, { exact: true })).toBeVisible();
      await expect(
        page.getByRole("button", { name: words.setNewPassword, exact: true }),
      ).toBeVisible();
      if (phone) await expectNoHorizontalScroll(page, "a reset link's page");
    });

    test(`after the second step, the header speaks ${words.lang}`, async ({ page }) => {
      const account = await enrolledWithoutBrowser("customer", `header-${words.lang}`);
      if (words === GERMAN) await page.setViewportSize(PHONE);
      await page.goto("/login");
      await page.getByLabel(words.email, { exact: true }).fill(account.email);
      await page.getByLabel(words.password, { exact: true }).fill(account.password);
      await page.getByRole("button", { name: words.signIn, exact: true }).click();
      await expect(page).toHaveURL(verifyUrl);
      await page.getByLabel(words.code, { exact: true }).fill(await account.authenticator.code());
      await page.getByRole("button", { name: words.verify, exact: true }).click();
      await expect(page).toHaveURL(/\/customer(\?.*)?$/);
      const header = page.getByRole("banner");
      await expect(header.getByText(`${words.signedInAs} ${account.name}`)).toBeVisible();
      await expect(
        header.getByRole("link", { name: words.dashboard, exact: true }),
      ).toHaveAttribute("aria-current", "page");
      if (words === GERMAN) await expectNoHorizontalScroll(page, "the dashboard's header");
      await header.getByRole("button", { name: words.signOut, exact: true }).click();
      await expect(page).toHaveURL(loginPath);
    });
  });
}

test.describe("a German speaker whose second step is locked", () => {
  test.use({ locale: "de-DE", timezoneId: "Europe/Berlin" });

  test("reads until when, in German and in their own time zone", async ({ page }) => {
    const account = await enrolledWithoutBrowser("customer", "lang-lock");
    const signInToVerify = async () => {
      await page.goto("/login");
      await page.getByLabel(GERMAN.email, { exact: true }).fill(account.email);
      await page.getByLabel(GERMAN.password, { exact: true }).fill(account.password);
      await page.getByRole("button", { name: GERMAN.signIn, exact: true }).click();
      await expect(page).toHaveURL(verifyUrl);
    };
    await signInToVerify();
    const wrong = await account.authenticator.wrongCode();
    const codeField = page.getByLabel(GERMAN.code, { exact: true });
    for (let attempt = 1; attempt <= 5; attempt++) {
      await codeField.fill(wrong);
      await page.getByRole("button", { name: GERMAN.verify, exact: true }).click();
      await expect(codeField).toHaveValue("");
    }
    await signInToVerify();
    const lockedUntil = new Date(storedUser(account.email).lockedUntil as number | string);
    const berlin = new Intl.DateTimeFormat("de", {
      timeZone: "Europe/Berlin",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(lockedUntil);
    await expect(alertWith(page, `Die Bestätigung ist bis ${berlin}`)).toBeVisible();
    await expect(alertWith(page, /MEZ( am .+)? gesperrt\.$/)).toBeVisible();
    await expect(codeField).toBeDisabled();
  });
});
