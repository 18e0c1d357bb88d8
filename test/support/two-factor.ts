import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { admin, uniqueEmail } from "./accounts";
import { createUserWithCli } from "./cli";
import { signInAs, submitSignIn } from "./session";
import { Authenticator, secretFromSetupKey } from "./totp";

export type Role = "admin" | "customer";

export type Account = {
  name: string;
  email: string;
  password: string;
  role: Role;
};

export const COMPANY_NAME = "Acme Mail";

export const home = (role: Role) => (role === "admin" ? "/backend" : "/customer");
export const accountPage = (role: Role) => `${home(role)}/account`;
/** The area dashboard, with or without a query such as `?recoveryCodesLeft=9`. */
export const dashboardUrl = (role: Role) => new RegExp(`${home(role)}(\\?.*)?$`);
export const verifyUrl = /\/login\/verify(\?.*)?$/;

/** A fresh account, made with the command line (`npm run appmail -- user:create`). */
export async function createAccount(role: Role, prefix: string = role): Promise<Account> {
  const account: Account = {
    name: `${prefix} ${role}`,
    email: uniqueEmail(`2fa-${prefix}`),
    password: `password of ${prefix} 123`,
    role,
  };
  await createUserWithCli(account);
  return account;
}

/** Runs `work` with a page signed in as the first admin, in a context of its own. */
export async function asAdmin<T>(browser: Browser, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signInAs(page, admin, "/backend");
    return await work(page);
  } finally {
    await context.close();
  }
}

/** The settings form of /backend/settings/2fa, opened by a signed-in admin. */
export async function saveTwoFactorSettings(
  page: Page,
  settings: {
    companyName?: string;
    enabled?: boolean;
    requireFor?: "Nobody" | "Admins" | "Everyone";
    trustDays?: number;
  },
): Promise<void> {
  await page.goto("/backend/settings/2fa");
  if (settings.requireFor !== undefined) {
    await page
      .getByLabel("Require two-factor authentication for", { exact: true })
      .selectOption({ label: settings.requireFor });
  }
  if (settings.trustDays !== undefined) {
    await page
      .getByLabel("Trust browsers for (days)", { exact: true })
      .fill(String(settings.trustDays));
  }
  if (settings.companyName !== undefined) {
    await page.getByLabel("Company name", { exact: true }).fill(settings.companyName);
  }
  if (settings.enabled !== undefined) {
    await page
      .getByRole("checkbox", { name: "Enable two-factor authentication", exact: true })
      .setChecked(settings.enabled);
  }
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
}

/**
 * Makes sure 2FA is on for the instance, required for nobody and without trusted browsers, as
 * these specs expect (specs may run alone or after others that change the settings).
 */
export async function ensureTwoFactorOn(browser: Browser, companyName = COMPANY_NAME) {
  await asAdmin(browser, (page) =>
    saveTwoFactorSettings(page, { companyName, enabled: true, requireFor: "Nobody", trustDays: 0 }),
  );
}

/** Alerts on the page with the given text (Next's route announcer is an alert too). */
export function alertWith(page: Page, text: string | RegExp): Locator {
  return page.getByRole("alert").filter({ hasText: text });
}

export function twoFactorSection(page: Page): Locator {
  return page.getByRole("region", { name: "Two-factor authentication", exact: true });
}

/** Opens the account page and starts the set-up: the QR code and setup key are shown. */
export async function startSetup(page: Page, account: Account): Promise<string> {
  await page.goto(accountPage(account.role));
  await expect(
    page.getByRole("heading", { name: "Two-factor authentication", exact: true }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Set up two-factor authentication", exact: true }).click();
  const setupKey = page.getByLabel("Setup key", { exact: true });
  await expect(setupKey).toHaveValue(/\S/);
  await expect(page.getByRole("img", { name: "QR code", exact: true })).toBeVisible();
  return setupKey.inputValue();
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

/**
 * Enrols `account` from its account page (the page must be signed in as it): set-up, a code
 * from the setup key, the recovery codes, "Done". Uses one time-step.
 */
export async function enrol(page: Page, account: Account): Promise<Enrolment> {
  const authenticator = new Authenticator(secretFromSetupKey(await startSetup(page, account)));
  await submitEnableCode(page, account.password, await authenticator.code());
  const recoveryCodes = await shownRecoveryCodes(page);
  await page.getByRole("button", { name: "Done", exact: true }).click();
  await expect(twoFactorSection(page).getByText("Enabled", { exact: true })).toBeVisible();
  return { authenticator, recoveryCodes };
}

/** A fresh account of `role`, signed in on `page` and enrolled. */
export async function enrolledAccount(
  page: Page,
  role: Role,
  prefix?: string,
): Promise<Account & Enrolment> {
  const account = await createAccount(role, prefix);
  await signInAs(page, account, home(role));
  return { ...account, ...(await enrol(page, account)) };
}

/** Step 1 for an enrolled account: password, then the browser waits on /login/verify. */
export async function signInToVerify(page: Page, account: Account): Promise<void> {
  await submitSignIn(page, account.email, account.password);
  await expect(page).toHaveURL(verifyUrl);
  await expect(page.getByLabel("Authentication code", { exact: true })).toBeVisible();
}

export async function submitVerifyCode(page: Page, code: string): Promise<void> {
  await page.getByLabel("Authentication code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Verify", exact: true }).click();
}

export async function submitRecoveryCode(page: Page, code: string): Promise<void> {
  await page.getByRole("button", { name: "Use a recovery code", exact: true }).click();
  await page.getByLabel("Recovery code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Verify", exact: true }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login(\?.*)?$/);
}

/** Decodes the QR code image on the page from a screenshot of the element. */
export async function decodeQrCode(image: Locator): Promise<string> {
  const png = PNG.sync.read(await image.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!decoded) throw new Error("The QR code on the page could not be decoded.");
  return decoded.data;
}

/** The app's SQLite database of this test run (APPMAIL_TEST_DATA_DIR/appmail.db). */
export function databasePath(): string {
  const dataDir = process.env.APPMAIL_TEST_DATA_DIR;
  if (!dataDir)
    throw new Error("APPMAIL_TEST_DATA_DIR is not set: run through playwright.config.ts");
  return path.join(dataDir, "appmail.db");
}

/** The stored state a request must not change: users, recovery codes and settings, as JSON. */
export function storedState(): string {
  const db = new Database(databasePath(), { readonly: true, fileMustExist: true });
  try {
    const dump = Object.fromEntries(
      ["User", "RecoveryCode", "Settings", "TrustedBrowser"].map((table) => [
        table,
        db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all(),
      ]),
    );
    return JSON.stringify(dump, (_key, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value,
    );
  } finally {
    db.close();
  }
}

/** One stored user row, for checks of a single field. */
export function storedUser(email: string): Record<string, unknown> {
  const db = new Database(databasePath(), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT * FROM "User" WHERE email = ?`).get(email.toLowerCase()) as Record<
      string,
      unknown
    >;
  } finally {
    db.close();
  }
}

export type ServerAction = { id: string; exportedName: string; filename: string; pages: string[] };

/** Every server action of the build, from `<NEXT_DIST_DIR>/server/server-reference-manifest.json`. */
export function serverActions(): ServerAction[] {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const manifestPath = path.resolve(
    import.meta.dirname,
    "../..",
    distDir,
    "server",
    "server-reference-manifest.json",
  );
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    node: Record<
      string,
      { workers: Record<string, unknown>; filename: string; exportedName: string }
    >;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    exportedName: entry.exportedName,
    filename: entry.filename,
    pages: Object.keys(entry.workers).map(routeOfWorker),
  }));
}

/** "app/(backend)/backend/account/page" → "/backend/account". */
export function routeOfWorker(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .split("/")
    .slice(0, -1)
    .filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}
