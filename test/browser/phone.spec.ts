// docs/rules.md, rule 16, where a phone is what the person holds: enrolling on the phone that has
// the authenticator app (the setup key whole, "Copy setup key", "Open in authenticator app"), and
// an admin's users list and pages at 360 px with a long company name.
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "../support/admin-fixture";
import { accountPage, createAccount, home } from "../support/browser-accounts";
import { announcements } from "../support/observe";
import { PHONE } from "../support/phone-and-keyboard";
import { signInAs, signInToVerify, signOut } from "../support/sign-in";
import { Authenticator, secretFromSetupKey } from "../support/totp";
import {
  decodeQrCode,
  enrolledAccount,
  shownRecoveryCodes,
  submitEnableCode,
  twoFactorSection,
} from "../support/two-factor";
import { applySettings, COMPANY_NAME, ensureTwoFactorOn } from "../support/two-factor-settings";
import { openUsersList, userRow } from "../support/users";

test.use({ viewport: PHONE });
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async ({ browser }) => {
  await ensureTwoFactorOn(browser);
});

// The longest name the settings page accepts, with a word longer than a phone's screen is wide.
const LONG_COMPANY_NAME =
  "Donaudampfschifffahrtselektrizitaetenhauptbetriebswerkbauunterbeamtengesellschaft Mail Services GmbH";

/** How far the page scrolls sideways: it should not (document scrollWidth <= 360). */
function documentWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** The element's box and its text's box, and whether its content is wider than its box. */
function clipping(element: Locator) {
  return element.evaluate((node) => {
    const box = node.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(node);
    const text = range.getBoundingClientRect();
    return {
      scrollWidth: node.scrollWidth,
      clientWidth: node.clientWidth,
      left: Math.min(box.left, text.left),
      right: Math.max(box.right, text.right),
      viewport: window.innerWidth,
    };
  });
}

async function expectInsideViewport(element: Locator, what: string): Promise<void> {
  const box = await element.boundingBox();
  expect(box, `${what} is laid out`).not.toBeNull();
  expect(box!.x, `${what}: left edge on screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}: right edge on screen`).toBeLessThanOrEqual(
    PHONE.width + 0.5,
  );
}

/** Focuses the control before `target` in the page's tab order, then presses Tab once. */
async function tabOnto(page: Page, target: Locator): Promise<void> {
  await target.evaluate((element) => {
    const focusable = Array.from(
      document.querySelectorAll<HTMLElement>(
        "a[href], button, input:not([type='hidden']), select, textarea",
      ),
    ).filter(
      (candidate) =>
        candidate.tabIndex >= 0 &&
        !(candidate as HTMLButtonElement).disabled &&
        candidate.checkVisibility({ visibilityProperty: true }),
    );
    focusable[focusable.indexOf(element as HTMLElement) - 1]?.focus();
  });
  await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
}

test("at 360 px the setup key is shown whole, is copied by keyboard, opens the authenticator app, and a code from it enables two-factor", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const account = await createAccount("customer", "phone-enrol");
  await signInAs(page, account, home("customer"));
  await page.goto(accountPage("customer"));
  await page.getByRole("button", { name: "Set up two-factor authentication", exact: true }).click();

  // What an authenticator app reads from the QR code.
  const qrUri = await decodeQrCode(page.getByRole("img", { name: "QR code", exact: true }));
  const secret = new URL(qrUri).searchParams.get("secret");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // The key is text, in groups of four, and all of it is on the screen.
  const setupKey = page.getByLabel("Setup key", { exact: true });
  await expect(setupKey).toBeVisible();
  const shown = ((await setupKey.textContent()) ?? "").replace(/\s+/g, " ").trim();
  expect(shown).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4})*( [A-Z2-7]{1,4})?$/);
  expect(secretFromSetupKey(shown)).toBe(secret);
  const box = await clipping(setupKey);
  expect(box.scrollWidth, "the setup key is wider than its box").toBeLessThanOrEqual(
    box.clientWidth,
  );
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(box.viewport + 0.5);
  expect(await documentWidth(page)).toBeLessThanOrEqual(PHONE.width);

  // The link hands the same URI to the app on this phone: issuer, account and secret.
  const open = page.getByRole("link", { name: "Open in authenticator app", exact: true });
  await expect(open).toBeVisible();
  const href = (await open.getAttribute("href")) ?? "";
  expect(href).toBe(qrUri);
  const uri = new URL(href);
  expect(uri.protocol).toBe("otpauth:");
  expect(decodeURIComponent(uri.pathname)).toBe(`/${COMPANY_NAME}:${account.email}`);
  expect(uri.searchParams.get("issuer")).toBe(COMPANY_NAME);
  expect(uri.searchParams.get("secret")).toBe(secret);
  await expectInsideViewport(open, '"Open in authenticator app"');

  // "Copy setup key", reached and pressed by keyboard, copies the key without spaces and says so.
  const copy = page.getByRole("button", { name: "Copy setup key", exact: true });
  await expectInsideViewport(copy, '"Copy setup key"');
  await tabOnto(page, copy);
  await page.keyboard.press("Enter");
  await expect(announcements(page).filter({ hasText: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  // A code computed from the key on the screen enables two-factor authentication.
  const authenticator = new Authenticator(secretFromSetupKey(shown));
  await submitEnableCode(page, account.password, await authenticator.code());
  await shownRecoveryCodes(page);
  await page.getByLabel("I have saved these recovery codes", { exact: true }).check();
  await page.getByRole("button", { name: "Done", exact: true }).click();
  await expect(twoFactorSection(page).getByText("Enabled", { exact: true })).toBeVisible();
});

test("at 360 px with a 100-character company name no page is wider than the screen, and each user's buttons are on screen and reached by keyboard", async ({
  adminPage,
  page,
}) => {
  expect(LONG_COMPANY_NAME).toHaveLength(100);
  // Enrolled: "Reset two-factor" is offered to an account with a second factor.
  const customer = await enrolledAccount(
    page,
    "customer",
    "phone-list-with-a-long-address-to-wrap",
  );
  await signOut(page);
  await applySettings(adminPage, { companyName: LONG_COMPANY_NAME });
  await adminPage.setViewportSize(PHONE);

  for (const path of ["/backend", "/backend/settings/2fa", "/backend/users", "/backend/account"]) {
    await adminPage.goto(path);
    expect
      .soft(await documentWidth(adminPage), `${path} scrolls sideways`)
      .toBeLessThanOrEqual(PHONE.width);
  }

  await openUsersList(adminPage, customer.email);
  await expectInsideViewport(
    adminPage.getByRole("link", { name: "New user", exact: true }),
    '"New user"',
  );
  // Every user's buttons, not only this test's customer's.
  const offScreen = await adminPage
    .locator("main")
    .getByRole("button")
    .evaluateAll((buttons) =>
      buttons
        .filter((button) => {
          const box = button.getBoundingClientRect();
          return box.left < 0 || box.right > window.innerWidth + 0.5;
        })
        .map((button) => button.textContent),
    );
  expect(offScreen, "buttons off-screen on /backend/users").toEqual([]);
  const row = userRow(adminPage, customer.email);
  await expectInsideViewport(row.getByText(customer.email, { exact: true }), "the e-mail address");
  for (const name of ["Reset two-factor", "Sign out everywhere"]) {
    const button = row.getByRole("button", { name, exact: true });
    await expectInsideViewport(button, `"${name}"`);
    await tabOnto(adminPage, button);
    // The confirmation opens by keyboard, its buttons are on screen too, and Cancel closes it.
    await adminPage.keyboard.press("Enter");
    const confirm = row.getByRole("button", { name, exact: true });
    const cancel = row.getByRole("button", { name: "Cancel", exact: true });
    await expect(cancel).toBeVisible();
    await expectInsideViewport(confirm, `the confirmation's "${name}"`);
    await expectInsideViewport(cancel, `the confirmation's "Cancel"`);
    expect(await documentWidth(adminPage), "the confirmation scrolls sideways").toBeLessThanOrEqual(
      PHONE.width,
    );
    await tabOnto(adminPage, cancel);
    await adminPage.keyboard.press("Enter");
    await expect(cancel).toHaveCount(0);
  }

  // The customer's pages, the sign-in's two steps among them, under the same name.
  const enrolled = await enrolledAccount(page, "customer", "phone-pages");
  expect
    .soft(await documentWidth(page), "/customer/account scrolls sideways")
    .toBeLessThanOrEqual(PHONE.width);
  await signOut(page);
  expect
    .soft(await documentWidth(page), "/login scrolls sideways")
    .toBeLessThanOrEqual(PHONE.width);
  await signInToVerify(page, enrolled);
  expect
    .soft(await documentWidth(page), "/login/verify scrolls sideways")
    .toBeLessThanOrEqual(PHONE.width);
});
