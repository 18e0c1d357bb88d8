import "server-only";
import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";

// The session cookie's token, read as next-auth's `decode` (next-auth/jwt) reads it: a JWE (dir,
// A256GCM) under a key derived from the session secret by HKDF-SHA256, with 15 s of clock
// tolerance. next-auth derives that key again on every call; it depends on the secret alone, so it
// is derived once per process here (docs/architecture.md, "Reads per request"). The cookie is still
// decrypted and checked on every request.

const derivedKeys = new Map<string, Uint8Array>();

/** next-auth's key for `secret` (its `getDerivedEncryptionKey` with no salt). */
function encryptionKey(secret: string): Uint8Array {
  let key = derivedKeys.get(secret);
  if (!key) {
    key = new Uint8Array(
      hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32),
    );
    derivedKeys.set(secret, key);
  }
  return key;
}

/** The token's claims; throws on a token this secret did not seal, or one that has expired. */
export async function decodeSessionToken(token: string, secret: string) {
  const { payload } = await jwtDecrypt(token, encryptionKey(secret), { clockTolerance: 15 });
  return payload;
}
