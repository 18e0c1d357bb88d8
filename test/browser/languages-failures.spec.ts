import { expect, test, type Page } from "@playwright/test";
import { createAccount } from "../support/browser-accounts";
import { asAdmin } from "../support/admin-browser";
import { runAppmail } from "../support/cli";
import { EMAIL_OFF, saveEmailForm } from "../support/email-settings";
import { alertWith, setFieldValue } from "../support/observe";
import { PHONE } from "../support/phone-and-keyboard";
import { freePort } from "../support/smtp-sink";
import { signInAs, signInOverHttp, verifyUrl } from "../support/sign-in";
import { enrolledWithoutBrowser } from "../support/two-factor";
import { COMPANY_NAME, ensureTwoFactorOn } from "../support/two-factor-settings";

// docs/rules.md, "Languages": a refusal is said in the reader's language, from the failures
// catalogue (words/<locale>/failures.json), wherever it is said: a form's alert and its fields,
// a route's JSON, the server's plain text before Next.js. Fields are found by their names and
// forms sent with Enter, so that what is asserted is the refusal, whatever language the labels
// around it are in.

const field = (page: Page, name: string) => page.locator(`input[name="${name}"]`);
/** Text that contains `words`, as a field's description does beside its own hint. */
const containing = (words: string) => new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

test.beforeAll(async ({ browser }) => {
  await ensureTwoFactorOn(browser, COMPANY_NAME);
});

test.describe("a German visitor", () => {
  test.use({ locale: "de-DE" });

  test("gets the words the browser's own code says (a closed passkey prompt, a failed request) in German", async ({
    page,
  }) => {
    await page.goto("/login");
    const words = page.locator("#appmail-client-words");
    await expect(words).toHaveAttribute(
      "data-prompt-failed",
      "Die Passkey-Abfrage wurde geschlossen oder ist fehlgeschlagen. Versuchen Sie es erneut.",
    );
    await expect(words).toHaveAttribute(
      "data-unexpected",
      "Etwas ist schiefgelaufen. Versuchen Sie es erneut.",
    );
  });

  test("signs in with a wrong password and reads why in German, at the fields", async ({
    page,
  }) => {
    const account = await createAccount("customer", "failures-de");
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await field(page, "email").fill(account.email);
    await field(page, "password").fill("not the password 123");
    await field(page, "password").press("Enter");
    await expect(alertWith(page, "E-Mail-Adresse oder Passwort ungültig")).toHaveText(
      "E-Mail-Adresse oder Passwort ungültig",
    );
    await expect(field(page, "password")).toHaveAccessibleDescription(
      containing("E-Mail-Adresse oder Passwort ungültig"),
    );
    await expect(page.getByText("Invalid email or password")).toHaveCount(0);

    // German's longer words fit a phone: the page does not scroll sideways at 360 px.
    await page.setViewportSize(PHONE);
    await expect(alertWith(page, "E-Mail-Adresse oder Passwort ungültig")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
  });

  test("gets a passkey route's refusal and the server's own refusals in German", async ({
    page,
    baseURL,
  }) => {
    // A script's request carries the language it names (the browser's own fetches, its locale's).
    const german = { "accept-language": "de-DE,de;q=0.9" };
    const route = await page.request.post(`${baseURL}/api/passkeys/second-step/options`, {
      headers: { ...german, "content-type": "application/json", origin: baseURL! },
      data: "{}",
    });
    expect(route.status()).toBe(401);
    expect(await route.json()).toEqual({
      error: "Melden Sie sich zuerst an.",
      code: "sign_in_first",
    });

    // Refused by server.ts on its headers (lib/http/raw-request-guard.ts): an action from elsewhere.
    const crossSite = await page.request.post(`${baseURL}/login`, {
      headers: { ...german, "next-action": "0".repeat(42), origin: "https://elsewhere.example" },
      data: "[]",
      maxRedirects: 0,
    });
    expect(crossSite.status()).toBe(403);
    expect(await crossSite.text()).toBe(
      "Dieses Formular wurde von einer anderen Website gesendet. Öffnen Sie die Seite auf dieser Website und versuchen Sie es erneut.",
    );

    // Refused by the proxy on its body: an action's arguments that do not parse.
    const unreadable = await page.request.post(`${baseURL}/login`, {
      headers: {
        ...german,
        "next-action": "0".repeat(42),
        origin: baseURL!,
        "content-type": "text/plain",
      },
      data: "{not json",
      maxRedirects: 0,
    });
    expect(unreadable.status()).toBe(400);
    expect(await unreadable.text()).toBe(
      "Das Formular konnte nicht gelesen werden. Laden Sie die Seite neu und versuchen Sie es erneut.",
    );
  });
});

test.describe("a German admin", () => {
  test.use({ locale: "de-DE" });

  test("reads the outbox's last error in German, stored as a code", async ({ page, browser }) => {
    test.setTimeout(120_000);
    const port = await freePort();
    const customer = await createAccount("customer", "failures-outbox");
    const refused = `The SMTP server 127.0.0.1:${port} refused the connection.`;
    try {
      await asAdmin(browser, async (english) => {
        await saveEmailForm(english, {
          ...EMAIL_OFF,
          host: "127.0.0.1",
          port: String(port),
          security: "None",
          from: "appmail@example.com",
        });
        // A security notice to the customer, which the sender fails to deliver: nobody listens.
        expect((await runAppmail(["user:reset-2fa", "--email", customer.email])).exitCode).toBe(0);
        await expect(async () => {
          await english.goto("/backend/email");
          const row = english.getByRole("row").filter({ hasText: customer.email });
          await expect(row.getByRole("cell").nth(5)).toHaveText(refused, { timeout: 1_000 });
        }).toPass({ timeout: 60_000 });
      });

      const admin = await createAccount("admin", "failures-outbox-de");
      await signInAs(page, admin, "/backend");
      await page.goto("/backend/email");
      const row = page.getByRole("row").filter({ hasText: customer.email });
      await expect(row.getByRole("cell").nth(5)).toHaveText(
        `Der SMTP-Server 127.0.0.1:${port} hat die Verbindung abgelehnt.`,
      );
    } finally {
      await asAdmin(browser, (english) => saveEmailForm(english, EMAIL_OFF));
    }
  });
});

test.describe("a French visitor", () => {
  test.use({ locale: "fr-FR" });

  test("types a wrong 6-digit code and reads why in French", async ({ page }) => {
    // Enrolled elsewhere (without a browser); the French browser signs in.
    const account = await enrolledWithoutBrowser("customer", "failures-fr");

    await signInOverHttp(page.context(), account);
    await page.goto("/login/verify");
    await expect(page).toHaveURL(verifyUrl);
    const code = field(page, "code");
    const right = await account.authenticator.code();
    await code.fill(right === "000000" ? "111111" : "000000");
    await code.press("Enter");
    const words =
      "Ce code n’est pas valide. Vérifiez votre application d’authentification et réessayez.";
    await expect(page.getByRole("alert").filter({ hasText: words })).toHaveText(words);
    await expect(code).toHaveAccessibleDescription(containing(words));
    await expect(code).toHaveValue("");

    // A right code after it still signs in: the refusal changed nothing but the words.
    await code.fill(await account.authenticator.code());
    await code.press("Enter");
    await expect(page).not.toHaveURL(verifyUrl);
  });
});

test.describe("a Spanish visitor", () => {
  test.use({ locale: "es-ES" });

  test("sends a field that is too long and reads the limit in Spanish under it", async ({
    page,
  }) => {
    const account = await createAccount("customer", "failures-es");
    await signInAs(page, account, "/customer");
    await page.goto("/customer/account");
    await field(page, "currentPassword").fill(account.password);
    // The field's maxlength stops a person at 256 characters; a script or an old browser does not.
    await setFieldValue(field(page, "newPassword"), "x".repeat(300));
    await field(page, "newPassword").press("Enter");
    await expect(
      page.getByRole("alert").filter({ hasText: "Revisa los campos marcados." }),
    ).toBeVisible();
    await expect(field(page, "newPassword")).toHaveAccessibleDescription(
      containing("Usa como máximo 256 caracteres."),
    );
    await expect(page.getByText("Use at most 256 characters.")).toHaveCount(0);
    await expect(page.getByText("Check the highlighted fields.")).toHaveCount(0);
  });
});
