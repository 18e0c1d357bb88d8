import "server-only";

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// AES-256-GCM for TOTP secrets at rest (docs/rules.md, rule 11). Stored form:
//   v<key version>:<iv>:<auth tag>:<ciphertext>, each part base64url without padding.
// The key version lets old rows be read after a new key is introduced.

const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

const STORED_FORMAT =
  /^v([1-9][0-9]{0,8}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]*)$/;

export type EncryptionKey = { version: number; key: Buffer };
export type DecryptionKeys = Map<number, Buffer> | ((version: number) => Buffer | undefined);

export type DecryptionFailure = "malformed" | "unknown-key-version" | "authentication-failed";

/** A stored secret that cannot be read: damaged, copied to another account, or under a lost key. */
export class DecryptionError extends Error {
  override name = "DecryptionError";

  constructor(
    readonly reason: DecryptionFailure,
    /** The key version the stored value names, when it could be read. */
    readonly keyVersion?: number,
  ) {
    super(`Cannot decrypt stored secret: ${reason}`);
  }
}

/**
 * Encrypts with a fresh random IV. `aad` binds the ciphertext to its owner (e.g. the user id):
 * decrypting it with any other `aad` fails, so a row copied to another account is useless.
 */
export function encryptSecret(plaintext: string, key: EncryptionKey, aad?: string): string {
  if (!Number.isSafeInteger(key.version) || key.version < 1 || key.version > 999_999_999) {
    throw new RangeError("Encryption key version must be an integer from 1 to 999999999");
  }
  if (key.key.length !== KEY_BYTES) throw new RangeError("Encryption key must be 32 bytes");

  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key.key, iv, { authTagLength: TAG_BYTES });
  if (aad !== undefined) cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [`v${key.version}`, iv, tag, ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(":");
}

/** Decrypts a value from `encryptSecret`; throws `DecryptionError` and nothing else. */
export function decryptSecret(stored: string, keys: DecryptionKeys, aad?: string): string {
  const match = typeof stored === "string" ? STORED_FORMAT.exec(stored) : null;
  if (!match) throw new DecryptionError("malformed");
  const [versionText = "", ivText = "", tagText = "", ciphertextText = ""] = match.slice(1);

  const iv = decodeCanonical(ivText);
  const tag = decodeCanonical(tagText);
  const ciphertext = decodeCanonical(ciphertextText);
  if (!iv || !tag || !ciphertext) throw new DecryptionError("malformed");

  const version = Number(versionText);
  const key = typeof keys === "function" ? keys(version) : keys.get(version);
  if (!key || key.length !== KEY_BYTES) {
    throw new DecryptionError("unknown-key-version", version);
  }

  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    if (aad !== undefined) decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(tag);
    const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    return plaintext.toString("utf8");
  } catch {
    throw new DecryptionError("authentication-failed", version);
  }
}

// Base64url has several spellings of the same bytes (the unused low bits of the last
// character); accepting only the one we write keeps the stored form unambiguous.
function decodeCanonical(text: string): Buffer | null {
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : null;
}
