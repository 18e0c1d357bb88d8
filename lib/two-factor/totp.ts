import "server-only";

import { generate, generateSecret, verify } from "otplib";

// The parameters every authenticator app understands (docs/rules.md, rule 1).
export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
const TOTP_ALGORITHM = "sha1";
const SECRET_BYTES = 20;

// Pasted input longer than this is rejected before any work is done on it.
const MAX_CODE_INPUT_LENGTH = 64;

// Whitespace (including no-break and thin spaces that some apps copy) and every kind of dash.
const CODE_SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g;

// otplib throws these for a code of the wrong shape or a replay bound beyond the window;
// for a sign-in they are just a wrong code, never a server error.
const REJECTED_INPUT_ERRORS = /^(Token|AfterTimeStep)/;

export type TotpVerification = { ok: true; timeStep: number } | { ok: false };

/** A new per-account secret: 20 random bytes, base32 without padding (32 characters). */
export function generateTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

/**
 * The otpauth URI for the QR code. Built by hand because otplib's leaves the colon of an
 * issuer unencoded in the label and omits algorithm, digits and period.
 */
export function otpauthUri({
  issuer,
  accountName,
  secret,
}: {
  issuer: string;
  accountName: string;
  secret: string;
}): string {
  const encodedIssuer = encodeURIComponent(issuer);
  const label = `${encodedIssuer}:${encodeURIComponent(accountName)}`;
  const query =
    `secret=${encodeURIComponent(secret)}&issuer=${encodedIssuer}` +
    `&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_PERIOD}`;
  return `otpauth://totp/${label}?${query}`;
}

/** The six ASCII digits of a typed or pasted code, or null when it is not one. */
export function normalizeCode(input: unknown): string | null {
  if (typeof input !== "string" || input.length > MAX_CODE_INPUT_LENGTH) return null;
  const code = input.replace(CODE_SEPARATORS, "");
  return /^[0-9]{6}$/.test(code) ? code : null;
}

export function timeStepOf(at: Date): number {
  return Math.floor(epochSeconds(at) / TOTP_PERIOD);
}

/** The code an authenticator app shows at a given moment. */
export async function totpCodeAt(secret: string, at: Date): Promise<string> {
  return generate({
    secret,
    epoch: epochSeconds(at),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
  });
}

/**
 * Accepts the code of the current step or one step either side, unless its step is at or
 * before `afterTimeStep` (the last step this account used). Storing the returned step, and
 * refusing it atomically to concurrent submissions, is the caller's job.
 */
export async function verifyTotpCode({
  secret,
  code,
  now,
  afterTimeStep,
}: {
  secret: string;
  code: string;
  now: Date;
  afterTimeStep?: number | null;
}): Promise<TotpVerification> {
  if (typeof code !== "string" || !/^[0-9]{6}$/.test(code)) return { ok: false };
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: epochSeconds(now),
      // In seconds: one full period either side reaches exactly the neighbouring steps.
      epochTolerance: TOTP_PERIOD,
      afterTimeStep: afterTimeStep ?? undefined,
      algorithm: TOTP_ALGORITHM,
      digits: TOTP_DIGITS,
      period: TOTP_PERIOD,
    });
    return "timeStep" in result ? { ok: true, timeStep: result.timeStep } : { ok: false };
  } catch (error) {
    // A damaged secret or clock is a server fault and must surface, not count as a wrong code.
    if (error instanceof Error && REJECTED_INPUT_ERRORS.test(error.name)) return { ok: false };
    throw error;
  }
}

function epochSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}
