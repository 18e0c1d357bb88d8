// The admin's two-factor settings page, /backend/settings/2fa.
import { isDeepStrictEqual } from "node:util";
import { expect, type Browser, type Page } from "@playwright/test";
import { storedSettings } from "./browser-database";
import { asAdmin } from "./admin-browser";

export type Policy = "Nobody" | "Admins" | "Everyone";

export type InstanceSettings = {
  companyName: string;
  enabled: boolean;
  require: Policy;
  graceDays: number;
  trustDays: number;
  /** "Allow passkeys". */
  passkeys: boolean;
  /** "Require a passkey for". */
  requirePasskey: Policy;
};

export const COMPANY_NAME = "Acme Mail";

/** What every other spec expects between tests: 2FA on, nobody forced, no trusted browsers. */
export const NEUTRAL_SETTINGS: InstanceSettings = {
  companyName: COMPANY_NAME,
  enabled: true,
  require: "Nobody",
  graceDays: 7,
  trustDays: 0,
  passkeys: true,
  requirePasskey: "Nobody",
};

/** Saves `changes` on /backend/settings/2fa (as a signed-in admin) and checks the stored row. */
export async function applySettings(
  adminPage: Page,
  changes: Partial<InstanceSettings>,
): Promise<void> {
  await adminPage.goto("/backend/settings/2fa");
  await expect(
    adminPage.getByRole("heading", { name: "Two-factor authentication", exact: true }),
  ).toBeVisible();
  if (changes.companyName !== undefined) {
    await adminPage.getByLabel("Company name", { exact: true }).fill(changes.companyName);
  }
  if (changes.enabled !== undefined) {
    await adminPage
      .getByRole("checkbox", { name: "Enable two-factor authentication", exact: true })
      .setChecked(changes.enabled);
  }
  if (changes.require !== undefined) {
    await adminPage
      .getByLabel("Require two-factor authentication for", { exact: true })
      .selectOption({ label: changes.require });
  }
  if (changes.graceDays !== undefined) {
    await adminPage
      .getByLabel("Grace period (days)", { exact: true })
      .fill(String(changes.graceDays));
  }
  if (changes.trustDays !== undefined) {
    await adminPage
      .getByLabel("Trust browsers for (days)", { exact: true })
      .fill(String(changes.trustDays));
  }
  if (changes.passkeys !== undefined) {
    await adminPage
      .getByRole("checkbox", { name: "Allow passkeys", exact: true })
      .setChecked(changes.passkeys);
  }
  if (changes.requirePasskey !== undefined) {
    await adminPage
      .getByLabel("Require a passkey for", { exact: true })
      .selectOption({ label: changes.requirePasskey });
  }
  await adminPage.getByRole("button", { name: "Save", exact: true }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();

  const saved = definedFields(changes);
  expect(storedValuesOf(saved), "the stored settings").toEqual(saved);
}

const definedFields = (fields: Partial<InstanceSettings>): Partial<InstanceSettings> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

/**
 * The stored values of the fields `fields` names, in the words of the settings page; null before
 * the first save (the app's defaults, which the page then saves).
 */
function storedValuesOf(fields: Partial<InstanceSettings>): Partial<InstanceSettings> | null {
  const stored = storedSettings();
  if (!stored) return null;
  const words = (scope: unknown) => {
    const value = String(scope ?? "NOBODY");
    return (value.charAt(0) + value.slice(1).toLowerCase()) as Policy;
  };
  const all: InstanceSettings = {
    companyName: String(stored.companyName),
    enabled: Boolean(stored.twoFactorEnabled),
    require: words(stored.requireTwoFactor),
    graceDays: Number(stored.gracePeriodDays),
    trustDays: Number(stored.trustBrowserDays),
    passkeys: Boolean(stored.allowPasskeys),
    requirePasskey: words(stored.requirePasskey),
  };
  return Object.fromEntries(
    Object.keys(fields).map((key) => [key, all[key as keyof InstanceSettings]]),
  );
}

/** Whether the stored settings already are `wanted` (the fields it names). */
function storedSettingsAre(wanted: Partial<InstanceSettings>): boolean {
  const fields = definedFields(wanted);
  return isDeepStrictEqual(storedValuesOf(fields), fields);
}

/**
 * Saves `wanted` on the settings page, as the first admin, unless the stored settings already are
 * that: the state a test starts from, not what it checks (which `applySettings` does through the
 * page every time).
 */
export async function ensureSettings(
  browser: Browser,
  wanted: Partial<InstanceSettings> = NEUTRAL_SETTINGS,
): Promise<void> {
  if (!storedSettingsAre(wanted)) await asAdmin(browser, (page) => applySettings(page, wanted));
}

/**
 * Makes sure 2FA is on for the instance, required for nobody and without trusted browsers, as
 * most specs expect (specs may run alone or after others that change the settings).
 */
export async function ensureTwoFactorOn(browser: Browser, companyName = COMPANY_NAME) {
  await ensureSettings(browser, {
    companyName,
    enabled: true,
    require: "Nobody",
    trustDays: 0,
    requirePasskey: "Nobody",
  });
}
