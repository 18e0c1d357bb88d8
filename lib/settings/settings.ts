import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { FormValues } from "@/lib/forms/form-state";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/words/locales";

export type InstanceSettings = {
  companyName: string | null;
  twoFactorEnabled: boolean;
  requireTwoFactor: Scope;
  gracePeriodDays: number;
  trustBrowserDays: number;
  /** Off: passkeys are neither offered nor accepted, and are kept (docs/rules.md, rule 18). */
  allowPasskeys: boolean;
  /** Who must have a passkey after the grace period (docs/rules.md, rule 34). */
  requirePasskey: Scope;
  /** The language of visitors whose account and browser name none of ours (docs/rules.md, "Languages"). */
  defaultLanguage: Locale;
};

export type Scope = "NOBODY" | "ADMINS" | "EVERYONE";
const SCOPES: readonly string[] = ["NOBODY", "ADMINS", "EVERYONE"];
const scopeOf = (value: string): Scope => (SCOPES.includes(value) ? (value as Scope) : "NOBODY");

export const DEFAULT_SETTINGS: InstanceSettings = {
  companyName: null,
  twoFactorEnabled: false,
  requireTwoFactor: "NOBODY",
  gracePeriodDays: 7,
  trustBrowserDays: 0,
  allowPasskeys: true,
  requirePasskey: "NOBODY",
  defaultLanguage: DEFAULT_LOCALE,
};

/** This request's glimpse of the settings' version, taken by the session read (React cache). */
const versionSeen = cache((): { version: Promise<number | null> | null } => ({ version: null }));

/**
 * Called by lib/auth/session.ts with the version its statement read beside the sign-in: a page
 * that reads the session then reads the settings from this process's copy when nobody changed
 * them since, on any instance (docs/architecture.md, "Reads per request").
 */
export function noteSettingsVersion(version: Promise<number | null>) {
  versionSeen().version = version;
}

// This process's copy, with the version it was read at. Never shared between processes: each
// checks the version in the database on every request that reads the session.
let copy: { version: number; settings: InstanceSettings } | null = null;

type SettingsRow = Omit<
  InstanceSettings,
  "requireTwoFactor" | "requirePasskey" | "defaultLanguage"
> & {
  requireTwoFactor: string;
  requirePasskey: string;
  defaultLanguage: string;
  /** An integer: SQLite's driver may answer a bigint. */
  version: number | bigint;
};

/**
 * The row, in raw SQL: every request without a session reads it (/login, its passkey options,
 * the credentials POST), and one raw statement costs about a quarter of the CPU of Prisma's
 * (docs/architecture.md, "Reads per request"). Both engines return these columns with these types.
 */
async function readSettingsRow(): Promise<SettingsRow | null> {
  const rows = await db.$queryRaw<SettingsRow[]>`
    SELECT "companyName", "twoFactorEnabled", "requireTwoFactor", "gracePeriodDays",
      "trustBrowserDays", "allowPasskeys", "requirePasskey", "defaultLanguage", "version"
    FROM "Settings" WHERE "id" = 1`;
  return rows[0] ?? null;
}

function settingsOfRow(row: SettingsRow): InstanceSettings {
  return {
    companyName: row.companyName,
    twoFactorEnabled: row.twoFactorEnabled,
    requireTwoFactor: scopeOf(row.requireTwoFactor),
    gracePeriodDays: row.gracePeriodDays,
    trustBrowserDays: row.trustBrowserDays,
    allowPasskeys: row.allowPasskeys,
    requirePasskey: scopeOf(row.requirePasskey),
    defaultLanguage: isLocale(row.defaultLanguage) ? row.defaultLanguage : DEFAULT_LOCALE,
  };
}

/**
 * Read once per request (React cache): the header, banner and page all ask for it. Without a
 * session read in the same request, or when the version it saw is not this process's copy's, it
 * is one statement.
 */
export const getSettings = cache(async function getSettings(): Promise<InstanceSettings> {
  const seen = await versionSeen().version;
  if (seen !== null && copy?.version === seen) return copy.settings;
  const row = await readSettingsRow();
  if (!row) return DEFAULT_SETTINGS;
  const settings = settingsOfRow(row);
  copy = { version: Number(row.version), settings };
  return settings;
});

/** Every change bumps the version, so that every process's copy of the old row stops counting. */
export async function saveSettings(changes: Partial<InstanceSettings>) {
  await db.settings.upsert({
    where: { id: 1 },
    create: { ...DEFAULT_SETTINGS, ...changes, id: 1 },
    update: { ...changes, version: { increment: 1 } },
  });
}

/** The settings as stored now, with their version (0 before the first save): what a form edits. */
export async function readSettingsForEditing(): Promise<{
  settings: InstanceSettings;
  version: number;
}> {
  const row = await readSettingsRow();
  return row
    ? { settings: settingsOfRow(row), version: Number(row.version) }
    : { settings: DEFAULT_SETTINGS, version: 0 };
}

/**
 * Saves `changes` only if the row is still at `version` (0: not yet created), bumping it; false
 * when another save came first, so a form read before it never overwrites it unseen.
 */
export async function saveSettingsAt(
  version: number,
  changes: Partial<InstanceSettings>,
): Promise<boolean> {
  if (version === 0) {
    try {
      await db.settings.create({ data: { ...DEFAULT_SETTINGS, ...changes, id: 1 } });
      return true;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        return false;
      }
      throw error;
    }
  }
  const { count } = await db.settings.updateMany({
    where: { id: 1, version },
    data: { ...changes, version: { increment: 1 } },
  });
  return count === 1;
}

/** What the settings form shows (docs/architecture.md, "How forms keep values"). */
export function twoFactorSettingsValues(settings: InstanceSettings, version: number): FormValues {
  return {
    version: String(version),
    companyName: settings.companyName ?? "",
    twoFactorEnabled: settings.twoFactorEnabled ? "on" : undefined,
    requireTwoFactor: settings.requireTwoFactor,
    gracePeriodDays: String(settings.gracePeriodDays),
    trustBrowserDays: String(settings.trustBrowserDays),
    allowPasskeys: settings.allowPasskeys ? "on" : undefined,
    requirePasskey: settings.requirePasskey,
  };
}

/** The name shown in the header and used as the issuer in authenticator apps. */
export function displayName(settings: InstanceSettings) {
  return settings.companyName ?? "AppMail";
}

/** What /backend/settings/general's form shows. */
export function generalSettingsValues(settings: InstanceSettings, version: number): FormValues {
  return { version: String(version), defaultLanguage: settings.defaultLanguage };
}
