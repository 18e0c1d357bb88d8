import "server-only";
import { createHmac } from "node:crypto";
import { getConfig } from "@/lib/config/env";

const purposeKeys = new Map<string, Buffer>();

/**
 * HMAC-SHA256 of `value` under a key derived from the session secret for one purpose, base64url.
 * A copy of the database alone cannot be searched for a guessed value, and a value hashed for one
 * purpose is no use for another.
 */
export function keyedHash(purpose: string, value: string): string {
  let key = purposeKeys.get(purpose);
  if (!key) {
    key = createHmac("sha256", getConfig().sessionSecret).update(`appmail:${purpose}`).digest();
    purposeKeys.set(purpose, key);
  }
  return createHmac("sha256", key).update(value).digest("base64url");
}
