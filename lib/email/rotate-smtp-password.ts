import "server-only";
import { getConfig } from "@/lib/config/env";
import { DecryptionError } from "@/lib/crypto/encryption";
import { db } from "@/lib/db/client";
import { openSmtpPassword, sealSmtpPassword } from "./email-settings";

export type SmtpPasswordRotation =
  { outcome: "none" | "current" | "rewritten" } | { outcome: "unreadable"; keyVersion?: number };

/**
 * Re-encrypts the saved SMTP password with the current data-encryption key (`keys:rotate`), only
 * if the row still holds what was read, so a password saved meanwhile is never overwritten.
 */
export async function reencryptSmtpPassword(): Promise<SmtpPasswordRotation> {
  const row = await db.emailSettings.findUnique({
    where: { id: 1 },
    select: { smtpPassword: true },
  });
  const stored = row?.smtpPassword;
  if (!stored) return { outcome: "none" };
  if (stored.startsWith(`v${getConfig().encryptionKey.version}:`)) return { outcome: "current" };
  let resealed: string;
  try {
    resealed = sealSmtpPassword(openSmtpPassword(stored));
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    return { outcome: "unreadable", keyVersion: error.keyVersion };
  }
  const updated = await db.emailSettings.updateMany({
    where: { id: 1, smtpPassword: stored },
    data: { smtpPassword: resealed },
  });
  return { outcome: updated.count === 1 ? "rewritten" : "current" };
}
