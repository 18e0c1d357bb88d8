import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";

export type InstanceSettings = {
  companyName: string | null;
  twoFactorEnabled: boolean;
  requireTwoFactor: "NOBODY" | "ADMINS" | "EVERYONE";
  gracePeriodDays: number;
  trustBrowserDays: number;
  /** Off: passkeys are neither offered nor accepted, and are kept (docs/rules.md, rule 18). */
  allowPasskeys: boolean;
};

export const DEFAULT_SETTINGS: InstanceSettings = {
  companyName: null,
  twoFactorEnabled: false,
  requireTwoFactor: "NOBODY",
  gracePeriodDays: 7,
  trustBrowserDays: 0,
  allowPasskeys: true,
};

/** Read once per request (React cache): the header, banner and page all ask for it. */
export const getSettings = cache(async function getSettings(): Promise<InstanceSettings> {
  const row = await db.settings.findUnique({ where: { id: 1 } });
  if (!row) return DEFAULT_SETTINGS;
  return {
    companyName: row.companyName,
    twoFactorEnabled: row.twoFactorEnabled,
    requireTwoFactor: (["NOBODY", "ADMINS", "EVERYONE"] as const).includes(
      row.requireTwoFactor as InstanceSettings["requireTwoFactor"],
    )
      ? (row.requireTwoFactor as InstanceSettings["requireTwoFactor"])
      : "NOBODY",
    gracePeriodDays: row.gracePeriodDays,
    trustBrowserDays: row.trustBrowserDays,
    allowPasskeys: row.allowPasskeys,
  };
});

export async function saveSettings(changes: Partial<InstanceSettings>) {
  await db.settings.upsert({
    where: { id: 1 },
    create: { ...DEFAULT_SETTINGS, ...changes, id: 1 },
    update: changes,
  });
}

/** The name shown in the header and used as the issuer in authenticator apps. */
export function displayName(settings: InstanceSettings) {
  return settings.companyName ?? "AppMail";
}
