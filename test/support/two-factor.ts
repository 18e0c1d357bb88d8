// Enrolling in two-factor authentication through the browser: the "Two-factor authentication"
// panel of the account page and of /login/enroll, its setup key, QR code and recovery codes.
import { expect, type Locator, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { accountPage, createAccount, home, type Account, type Role } from "./browser-accounts";
import { storedUser } from "./browser-database";
import {
  actionIdsByName,
  postForm,
  shownRecoveryCodes as recoveryCodesInResponse,
  signedIn,
  startSetup as startSetupOverHttp,
} from "./http-flows";
import { signInAs } from "./sign-in";
import { ownServer, testRunDir } from "./test-servers";
import { Authenticator, secretFromSetupKey } from "./totp";

export function twoFactorSection(page: Page): Locator {
  return page.getByRole("region", { name: "Two-factor authentication", exact: true });
}

/** Chooses "Set up" on a page showing the panel; returns the setup key once it is shown. */
async function startSetupHere(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Set up two-factor authentication", exact: true }).click();
  const setupKey = page.getByLabel("Setup key", { exact: true });
  await expect(setupKey).toHaveText(/\S/);
  return shownSetupKey(page);
}

/** The text labelled "Setup key" (groups of four), with its spacing made single. */
export async function shownSetupKey(page: Page): Promise<string> {
  const text = await page.getByLabel("Setup key", { exact: true }).textContent();
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/** Opens the account page and starts the set-up: the QR code and setup key are shown. */
export async function startSetup(page: Page, account: Account): Promise<string> {
  await page.goto(accountPage(account.role));
  await expect(
    page.getByRole("heading", { name: "Two-factor authentication", exact: true }),
  ).toBeVisible();
  const setupKey = await startSetupHere(page);
  await expect(page.getByRole("img", { name: "QR code", exact: true })).toBeVisible();
  return setupKey;
}

/** "123456" as "123 456", the way some apps copy it. */
export function spaced(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

/**
 * Types `password` into the panel's "Current password" and `code` into its "Authentication
 * code", and chooses "Enable". (The account page has a password form of its own.)
 */
export async function submitEnableCode(page: Page, password: string, code: string): Promise<void> {
  const panel = twoFactorSection(page);
  await panel.getByLabel("Current password", { exact: true }).fill(password);
  await panel.getByLabel("Authentication code", { exact: true }).fill(code);
  await panel.getByRole("button", { name: "Enable", exact: true }).click();
}

export function recoveryCodeList(page: Page): Locator {
  return page.getByRole("list", { name: "Recovery codes", exact: true });
}

/** The recovery codes shown right after enabling, once the list is on the page. */
export async function shownRecoveryCodes(page: Page): Promise<string[]> {
  const items = recoveryCodeList(page).getByRole("listitem");
  await expect(items).toHaveCount(10);
  return (await items.allInnerTexts()).map((text) => text.trim());
}

export type Enrolment = { authenticator: Authenticator; recoveryCodes: string[] };

/** From a shown setup key: a code, the 10 recovery codes, "Done". Uses one time-step. */
async function finishEnrolmentAction(page: Page, password: string, setupKey: string) {
  const authenticator = new Authenticator(secretFromSetupKey(setupKey));
  await submitEnableCode(page, password, await authenticator.code());
  const recoveryCodes = await shownRecoveryCodes(page);
  await page.getByLabel("I have saved these recovery codes", { exact: true }).check();
  await page.getByRole("button", { name: "Done", exact: true }).click();
  return { authenticator, recoveryCodes };
}

/**
 * Enrols on a page already showing the panel (account page or /login/enroll): "Set up", the
 * secret from "Setup key", the current password and a code, the recovery codes, "Done".
 */
export async function enrolHere(page: Page, password: string): Promise<Enrolment> {
  return finishEnrolmentAction(page, password, await startSetupHere(page));
}

/**
 * Enrols `account` from its account page (the page must be signed in as it) and waits for the
 * panel to say "Enabled". Uses one time-step.
 */
export async function enrol(page: Page, account: Account): Promise<Enrolment> {
  const enrolment = await finishEnrolmentAction(
    page,
    account.password,
    await startSetup(page, account),
  );
  await expect(twoFactorSection(page).getByText("Enabled", { exact: true })).toBeVisible();
  return enrolment;
}

/** A fresh account of `role`, signed in on `page` and enrolled (2FA must not be required). */
export async function enrolledAccount(
  page: Page,
  role: Role,
  prefix?: string,
): Promise<Account & Enrolment> {
  const account = await createAccount(role, prefix);
  await signInAs(page, account, home(role));
  const enrolment = await enrol(page, account);
  expect(storedUser(account.email).totpEnabledAt).not.toBeNull();
  return { ...account, ...enrolment };
}

/**
 * A fresh account of `role` with an authenticator app, enrolled without a browser: step 1, "Set
 * up", the enable form and "Sign out" posted over HTTP as the account page's forms post them. For
 * specs where enrolling is not what they test and whose page would sign out right after
 * (`enrolledAccount` is the same on the page; the panel itself is tested by two-factor.spec.ts and
 * the enrolment specs). Uses one time-step. The browser that signs in next is new to the account.
 */
export async function enrolledWithoutBrowser(
  role: Role,
  prefix?: string,
): Promise<Account & Enrolment> {
  const account = await createAccount(role, prefix);
  const client = await signedIn(ownServer(testRunDir()).url, { ...account, lastStep: null });
  const actionId = actionIdsByName();
  const page = accountPage(role);
  const authenticator = new Authenticator(
    await startSetupOverHttp(client, actionId("startTwoFactorSetupAction"), page),
  );
  const enabled = await postForm(client, page, actionId("enableTwoFactorAction"), {
    code: await authenticator.code(),
    password: account.password,
  });
  const recoveryCodes = recoveryCodesInResponse(enabled);
  expect(recoveryCodes, `enabling two-factor for ${account.email}`).toHaveLength(10);
  const signedOut = await postForm(client, page, actionId("signOutAction"));
  expect(signedOut.status, "signing out after enrolling").toBeLessThan(400);
  expect(storedUser(account.email).totpEnabledAt).not.toBeNull();
  return { ...account, authenticator, recoveryCodes: recoveryCodes! };
}

/** Decodes the QR code image on the page from a screenshot of the element. */
export async function decodeQrCode(image: Locator): Promise<string> {
  const png = PNG.sync.read(await image.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!decoded) throw new Error("The QR code on the page could not be decoded.");
  return decoded.data;
}
