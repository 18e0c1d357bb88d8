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

const peppers = new Map<number, Buffer>();

/** A key of its own for recovery-code hashes, derived from a data-encryption key version. */
function pepper(version: number): Buffer {
  let derived = peppers.get(version);
  if (!derived) {
    const key = getConfig().encryptionKeys.get(version);
    if (!key) throw new Error(`No data-encryption key version ${version}`);
    derived = Buffer.from(hkdfSync("sha256", key, "", "appmail recovery codes", 32));
    peppers.set(version, derived);
  }
  return derived;
}

/** The stored form of a new recovery code: keyed hash, tagged with the key version. */
export function recoveryCodeHash(code: string): string {
  const { version } = getConfig().encryptionKey;
  return `v${version}:${hashRecoveryCode(code, pepper(version))}`;
}

/** Every stored form the code may have, one per key still configured (for key rotation). */
export function recoveryCodeHashCandidates(code: string): string[] {
  return [...getConfig().encryptionKeys.keys()].map(
    (version) => `v${version}:${hashRecoveryCode(code, pepper(version))}`,
  );
}
