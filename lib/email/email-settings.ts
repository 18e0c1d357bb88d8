import "server-only";
import { getConfig } from "@/lib/config/env";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import { db } from "@/lib/db/client";
import type { FormValues } from "@/lib/forms/form-state";
import { SMTP_SECURITY, type SmtpSecurity } from "./smtp-security";

// Outgoing e-mail settings: one row (id = 1). The SMTP password is encrypted with the
// data-encryption key, like TOTP secrets (docs/rules.md, rule 11), and never leaves
// the server: pages only learn whether one is set.

export { SMTP_SECURITY, type SmtpSecurity } from "./smtp-security";

/** What the settings page may show: everything but the password. */
export type EmailSettingsView = {
  smtpHost: string | null;
  smtpPort: number;
  smtpSecurity: SmtpSecurity;
  smtpUsername: string | null;
  hasPassword: boolean;
  fromAddress: string | null;
  /** When the row was last saved (ISO), "" before the first save. */
  savedAt: string;
};

/** What the sender needs, password decrypted. */
export type SmtpSettings = {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string | null;
  password: string | null;
  from: string;
};

const PASSWORD_AAD = "smtp-password";

export function sealSmtpPassword(password: string): string {
  return encryptSecret(password, getConfig().encryptionKey, PASSWORD_AAD);
}

export function openSmtpPassword(stored: string): string {
  return decryptSecret(stored, getConfig().encryptionKeys, PASSWORD_AAD);
}

function securityOf(value: string): SmtpSecurity {
  return (SMTP_SECURITY as readonly string[]).includes(value) ? (value as SmtpSecurity) : "NONE";
}

export async function getEmailSettings(): Promise<EmailSettingsView> {
  const row = await db.emailSettings.findUnique({ where: { id: 1 } });
  return {
    smtpHost: row?.smtpHost ?? null,
    smtpPort: row?.smtpPort ?? 587,
    smtpSecurity: securityOf(row?.smtpSecurity ?? "STARTTLS"),
    smtpUsername: row?.smtpUsername ?? null,
    hasPassword: Boolean(row?.smtpPassword),
    fromAddress: row?.fromAddress ?? null,
    savedAt: savedAtOf(row),
  };
}

/** The row's save time as the form carries it. */
export function savedAtOf(row: { updatedAt: Date } | null): string {
  return row ? row.updatedAt.toISOString() : "";
}

/** What the settings form shows (docs/architecture.md, "How forms keep values"): no password. */
export function emailSettingsValues(settings: EmailSettingsView): FormValues {
  return {
    savedAt: settings.savedAt,
    smtpHost: settings.smtpHost ?? "",
    smtpPort: String(settings.smtpPort),
    smtpSecurity: settings.smtpSecurity,
    smtpUsername: settings.smtpUsername ?? "",
    fromAddress: settings.fromAddress ?? "",
  };
}

/**
 * E-mail is configured when an SMTP host and a from address are set. Asked on every /login (for
 * "Forgot your password?"), so in raw SQL, as lib/settings/settings.ts reads the settings.
 */
export async function isEmailConfigured(): Promise<boolean> {
  const rows = await db.$queryRaw<{ configured: unknown }[]>`
    SELECT 1 AS "configured" FROM "EmailSettings"
    WHERE "id" = 1 AND "smtpHost" IS NOT NULL AND "smtpHost" <> ''
      AND "fromAddress" IS NOT NULL AND "fromAddress" <> ''`;
  return rows.length > 0;
}

/** The settings to deliver with, or null when e-mail is not configured. */
export async function loadSmtpSettings(): Promise<SmtpSettings | null> {
  const row = await db.emailSettings.findUnique({ where: { id: 1 } });
  if (!row?.smtpHost || !row.fromAddress) return null;
  return {
    host: row.smtpHost,
    port: row.smtpPort,
    security: securityOf(row.smtpSecurity),
    username: row.smtpUsername,
    password: row.smtpPassword ? openSmtpPassword(row.smtpPassword) : null,
    from: row.fromAddress,
  };
}
