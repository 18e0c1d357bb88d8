import "server-only";

import { createHmac, randomInt } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;

// Digits and lowercase letters without 0/o, 1/l/i, which people misread when copying from
// paper: 31 symbols, so 10 characters carry about 49 bits.
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const CODE_LENGTH = 10;
const GROUP_LENGTH = 5;
const MAX_INPUT_LENGTH = 64;
const MIN_PEPPER_BYTES = 16;

const CANONICAL = new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`);
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g;

/** Ten distinct codes, shown once, in the form `xxxxx-xxxxx`. */
export function generateRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(randomCode());
  return [...codes];
}

/** The canonical form of a typed code (lowercase, no separators), or null if it is not one. */
export function normalizeRecoveryCode(input: unknown): string | null {
  if (typeof input !== "string" || input.length > MAX_INPUT_LENGTH) return null;
  const code = input.replace(SEPARATORS, "").toLowerCase();
  return CANONICAL.test(code) ? code : null;
}

/**
 * What the database stores. A keyed hash: with only a copy of the database, ~49 bits per code
 * cannot be searched without the pepper, which lives outside it.
 */
export function hashRecoveryCode(code: string, pepper: Buffer): string {
  const canonical = normalizeRecoveryCode(code);
  if (canonical === null) throw new TypeError("Not a recovery code");
  if (pepper.length < MIN_PEPPER_BYTES) throw new RangeError("Recovery code pepper is too short");
  return createHmac("sha256", pepper).update(canonical).digest("hex");
}

/** One code of the same shape: an admin-issued recovery code (docs/rules.md, rule 33). */
export function generateRecoveryCode(): string {
  return randomCode();
}

function randomCode(): string {
  // randomInt draws without modulo bias.
  const chars = Array.from({ length: CODE_LENGTH }, () =>
    ALPHABET.charAt(randomInt(ALPHABET.length)),
  );
  return `${chars.slice(0, GROUP_LENGTH).join("")}-${chars.slice(GROUP_LENGTH).join("")}`;
}
