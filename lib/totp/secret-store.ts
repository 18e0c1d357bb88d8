import "server-only";
import { hkdfSync } from "node:crypto";
import { getConfig } from "@/lib/config/env";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import { hashRecoveryCode } from "./recovery-codes";

// Secrets are bound to their account (AES-GCM additional data), so a ciphertext copied onto
// another account does not decrypt.
export function sealTotpSecret(secret: string, userId: string): string {
  return encryptSecret(secret, getConfig().encryptionKey, `totp:${userId}`);
}

export function openTotpSecret(stored: string, userId: string): string {
  return decryptSecret(stored, getConfig().encryptionKeys, `totp:${userId}`);
}

let pepper: Buffer | undefined;

/** A key of its own for recovery-code hashes, derived from the data-encryption key. */
export function recoveryCodeHash(code: string): string {
  pepper ??= Buffer.from(
    hkdfSync("sha256", getConfig().encryptionKey.key, "", "appmail recovery codes", 32),
  );
  return hashRecoveryCode(code, pepper);
}
