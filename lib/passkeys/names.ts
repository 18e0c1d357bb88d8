import Bowser from "bowser";
import aaguidNames from "./aaguid-names.json";
import { PASSKEY_NAME_MAX } from "./limits";

/** A name as kept: control characters dropped, spaces trimmed, at most PASSKEY_NAME_MAX long. */
export function cleanPasskeyName(typed: unknown): string {
  if (typeof typed !== "string") return "";
  return typed
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
    .trim()
    .slice(0, PASSKEY_NAME_MAX)
    .trim();
}

/** The browser and system a passkey was added with ("Chrome on Linux"), or "Passkey". */
export function browserPasskeyName(userAgent: string | null): string {
  const parsed = userAgent ? Bowser.parse(userAgent) : null;
  const browser = parsed?.browser.name;
  const system = parsed?.os.name;
  if (browser && system) return cleanPasskeyName(`${browser} on ${system}`);
  return cleanPasskeyName(browser) || "Passkey";
}

const NAMES: Readonly<Record<string, string>> = aaguidNames.names;

/**
 * The provider's name for an authenticator's AAGUID ("iCloud Keychain", "Windows Hello"), from
 * the list in aaguid-names.json (its source and licence are named there and in the README), or
 * null for one the list does not know, for the all-zero AAGUID of authenticators that do not say,
 * and for anything that is not a UUID.
 */
export function authenticatorName(aaguid: unknown): string | null {
  if (typeof aaguid !== "string") return null;
  const id = aaguid.toLowerCase();
  return Object.hasOwn(NAMES, id) ? cleanPasskeyName(NAMES[id]) || null : null;
}

/**
 * `name`, or the first of "name 2", "name 3", … that none of the account's passkeys bears, so
 * that two passkeys added from one kind of browser are told apart (their "Remove" buttons too).
 */
export function distinctPasskeyName(name: string, taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has(name)) return name;
  for (let number = 2; ; number += 1) {
    const suffix = ` ${number}`;
    const candidate = `${name.slice(0, PASSKEY_NAME_MAX - suffix.length).trim()}${suffix}`;
    if (!names.has(candidate)) return candidate;
  }
}

/**
 * The name a new passkey gets: the one typed, or else its authenticator's (by AAGUID), or else the
 * browser and system it was added with, numbered when the account already has a passkey of that
 * name.
 */
export function newPasskeyName(
  typed: unknown,
  userAgent: string | null,
  taken: readonly string[],
  aaguid?: string,
): string {
  const clean = cleanPasskeyName(typed);
  const named = authenticatorName(aaguid) ?? browserPasskeyName(userAgent);
  return clean || distinctPasskeyName(named, taken);
}
