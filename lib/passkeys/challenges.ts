import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";

/**
 * What a challenge is for: registering, the second step of a sign-in, a sign-in on its own, or
 * the second factor of a password reset (for the account of the reset link, docs/rules.md, 21).
 */
export type ChallengePurpose = "REGISTER" | "SECOND_STEP" | "SIGN_IN" | "RESET";

export const CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * A new random challenge (32 bytes), kept in the database so that any instance can check it
 * (docs/rules.md, rule 18). Expired ones are swept on the way.
 */
export async function issueChallenge(
  purpose: ChallengePurpose,
  userId: string | null,
  now: Date,
): Promise<string> {
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
  return challenge;
}

/**
 * Uses a challenge up: one conditional delete, so of any number of concurrent uses exactly one
 * gets it, on every instance. False when it is unknown, used, expired, or not for this purpose
 * and account.
 */
export async function consumeChallenge(
  challenge: string,
  purpose: ChallengePurpose,
  userId: string | null,
  now: Date,
): Promise<boolean> {
  const used = await db.passkeyChallenge.deleteMany({
    where: { challenge, purpose, userId, expiresAt: { gt: now } },
  });
  return used.count === 1;
}

/** A challenge as the bytes SimpleWebAuthn signs (a string it would take as UTF-8 text). */
export const challengeBytes = (challenge: string) =>
  new Uint8Array(Buffer.from(challenge, "base64url"));
