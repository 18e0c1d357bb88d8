import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { keyedHash } from "@/lib/crypto/keyed-hash";
import { db } from "@/lib/db/client";

/**
 * What a challenge is for: registering, the second step of a sign-in, a sign-in on its own, the
 * second factor of a password reset (for the account of the reset link, docs/rules.md, 21), or
 * confirming a change of a passkey-only account's passkeys (docs/rules.md, rule 27).
 */
export type ChallengePurpose = "REGISTER" | "SECOND_STEP" | "SIGN_IN" | "RESET" | "CONFIRM";

export const CHALLENGE_TTL_MS = 5 * 60_000;
/**
 * Live challenges kept per account and purpose: asking again (another tab, a retry) drops the
 * oldest beyond these, so a client asking in a loop keeps a few rows, not one per request
 * (docs/rules.md, rule 23).
 */
export const LIVE_CHALLENGES_PER_PURPOSE = 3;

/**
 * A new challenge (docs/rules.md, rule 18). For a sign-in on /login, which anyone may ask for on
 * every visit, it is signed instead of stored: 16 random bytes, its expiry and a keyed MAC of both
 * (no write; any instance can check it). Every other is 32 random bytes kept in the database for
 * its account, and expired ones are swept on the way.
 */
export async function issueChallenge(
  purpose: ChallengePurpose,
  userId: string | null,
  now: Date,
): Promise<string> {
  if (purpose === "SIGN_IN") return signedChallenge(new Date(now.getTime() + CHALLENGE_TTL_MS));
  const challenge = randomBytes(32).toString("base64url");
  await db.passkeyChallenge.deleteMany({ where: { expiresAt: { lte: now } } });
  await db.passkeyChallenge.create({
    data: {
      challenge,
      purpose,
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    },
  });
  const older = await db.passkeyChallenge.findMany({
    where: { purpose, userId, challenge: { not: challenge } },
    orderBy: [{ createdAt: "desc" }, { challenge: "asc" }],
    skip: LIVE_CHALLENGES_PER_PURPOSE - 1,
    select: { challenge: true },
  });
  if (older.length > 0) {
    await db.passkeyChallenge.deleteMany({
      where: { challenge: { in: older.map((row) => row.challenge) }, purpose, userId },
    });
  }
  return challenge;
}

/**
 * Uses a challenge up, so that of any number of concurrent uses exactly one gets it, on every
 * instance: a stored one by one conditional delete; a signed one (a sign-in's) by inserting it,
 * until its expiry, as used (its unique key admits one insert). False when it is unknown, forged,
 * used, expired, or not for this purpose and account. `writer`: a transaction to use it in.
 */
export async function consumeChallenge(
  challenge: string,
  purpose: ChallengePurpose,
  userId: string | null,
  now: Date,
  writer: Pick<typeof db, "passkeyChallenge"> = db,
): Promise<boolean> {
  if (purpose === "SIGN_IN") {
    const expiresAt = signedChallengeExpiry(challenge);
    if (!expiresAt || expiresAt <= now || userId !== null) return false;
    await writer.passkeyChallenge.deleteMany({ where: { expiresAt: { lte: now } } });
    return writer.passkeyChallenge
      .create({
        data: { challenge, purpose, userId, createdAt: now, expiresAt },
        select: { challenge: true },
      })
      .then(
        () => true,
        () => false,
      );
  }
  const used = await writer.passkeyChallenge.deleteMany({
    where: { challenge, purpose, userId, expiresAt: { gt: now } },
  });
  return used.count === 1;
}

/**
 * Whether a sign-in's signed challenge is one this server signed and has not expired, without
 * using it: the caller checks the assertion first and uses the challenge only then, so a client
 * posting fresh challenges with credentials that are not registered writes no row.
 */
export function signInChallengeLive(challenge: string, now: Date): boolean {
  const expiresAt = signedChallengeExpiry(challenge);
  return expiresAt !== null && expiresAt > now;
}

/** A challenge as the bytes SimpleWebAuthn signs (a string it would take as UTF-8 text). */
export const challengeBytes = (challenge: string) =>
  new Uint8Array(Buffer.from(challenge, "base64url"));

const NONCE_BYTES = 16;
const EXPIRY_BYTES = 8;
const MAC_BYTES = 16;
const SIGNED_BYTES = NONCE_BYTES + EXPIRY_BYTES + MAC_BYTES;

/** The MAC of a signed challenge's nonce and expiry, under a key only the server holds. */
function mac(nonceAndExpiry: Buffer): Buffer {
  const digest = keyedHash("passkey-sign-in-challenge", nonceAndExpiry.toString("base64url"));
  return Buffer.from(digest, "base64url").subarray(0, MAC_BYTES);
}

function signedChallenge(expiresAt: Date): string {
  const expiry = Buffer.alloc(EXPIRY_BYTES);
  expiry.writeBigUInt64BE(BigInt(expiresAt.getTime()));
  const body = Buffer.concat([randomBytes(NONCE_BYTES), expiry]);
  return Buffer.concat([body, mac(body)]).toString("base64url");
}

/** A signed challenge's expiry, or null when it is not one this server signed. */
function signedChallengeExpiry(challenge: string): Date | null {
  const bytes = Buffer.from(challenge, "base64url");
  if (bytes.length !== SIGNED_BYTES || bytes.toString("base64url") !== challenge) return null;
  const body = bytes.subarray(0, NONCE_BYTES + EXPIRY_BYTES);
  if (!timingSafeEqual(bytes.subarray(NONCE_BYTES + EXPIRY_BYTES), mac(body))) return null;
  return new Date(Number(body.readBigUInt64BE(NONCE_BYTES)));
}
