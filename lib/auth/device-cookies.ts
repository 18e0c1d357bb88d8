import "server-only";
import { deviceCookieName } from "./cookie-names";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { keyedHash } from "@/lib/crypto/keyed-hash";

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
 * has passed an account's password gets a signed cookie naming that account. Its later sign-ins
 * to that account count against the cookie's own limit instead of the account's shared one, so
 * strangers' wrong guesses cannot lock the owner out, and a stolen cookie still buys only a few
 * guesses. Signed rather than stored: nothing to clean up, and a copy of the database cannot forge
 * one.
 */
export const DEVICE_COOKIE_MAX_AGE_MS = 180 * 24 * 60 * 60_000;

/**
 * The password step (/api/auth/callback/credentials) and /login/forgot's server action (which
 * posts to /login/forgot) read it, so it is sent to the whole site; it stays httpOnly, SameSite=Lax
 * and Secure behind HTTPS (lib/sign-in/next-auth-options.ts).
 */
export const DEVICE_COOKIE_PATH = "/";

export type DeviceCookie = { name: string; value: string; expires: Date };

const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

function signature(userId: string, deviceId: string, expiresAtSeconds: number) {
  return keyedHash("device-cookie", `${userId}.${deviceId}.${expiresAtSeconds}`);
}

/** A new device cookie for this browser, after it passed the account's password. */
export function issueDeviceCookie(userId: string, now: Date): DeviceCookie {
  const deviceId = randomBytes(16).toString("base64url");
  const expiresAtSeconds = Math.floor((now.getTime() + DEVICE_COOKIE_MAX_AGE_MS) / 1000);
  return {
    name: deviceCookieName(userId),
    value: `${deviceId}.${expiresAtSeconds}.${signature(userId, deviceId, expiresAtSeconds)}`,
    expires: new Date(expiresAtSeconds * 1000),
  };
}

/**
 * The device the cookie names, when it is a live cookie this server signed for this account;
 * otherwise null (then the account's shared limit applies).
 */
export function deviceIdFromCookie(
  userId: string,
  value: string | undefined,
  now: Date,
): string | null {
  if (!value || value.length > 200) return null;
  const [deviceId = "", expires = "", mac = "", ...rest] = value.split(".");
  if (rest.length > 0 || !DEVICE_ID.test(deviceId) || !/^\d{1,12}$/.test(expires)) return null;
  const expiresAtSeconds = Number(expires);
  if (expiresAtSeconds * 1000 <= now.getTime()) return null;
  const expected = Buffer.from(signature(userId, deviceId, expiresAtSeconds));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return deviceId;
}

/** A browser that signed in to the account within this long is one the account knows. */
export const KNOWN_BROWSER_MS = 90 * 24 * 60 * 60_000;

/**
 * Whether the cookie is a live one of this account issued within KNOWN_BROWSER_MS: every sign-in
 * issues a new one, so its age is the time since this browser last signed in (docs/rules.md,
 * rule 35). Its issue time is its expiry less its lifetime.
 */
export function deviceCookieIsRecent(userId: string, value: string | undefined, now: Date) {
  if (!deviceIdFromCookie(userId, value, now)) return false;
  const expiresAtMs = Number(value!.split(".")[1]) * 1000;
  return expiresAtMs - DEVICE_COOKIE_MAX_AGE_MS > now.getTime() - KNOWN_BROWSER_MS;
}
