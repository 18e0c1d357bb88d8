import "server-only";
import { randomBytes } from "node:crypto";
import { keyedHash } from "@/lib/crypto/keyed-hash";
import { db } from "@/lib/db/client";
import { getSettings } from "@/lib/settings/settings";

// Password-reset links (docs/rules.md, rule 21): 32 random bytes, stored only as a keyed hash, so
// a copy of the database holds no working link; valid once, for 30 minutes.

export const RESET_LINK_LIFETIME_MS = 30 * 60_000;

// 32 bytes in base64url: 43 characters. Anything else is no token of ours and is never looked up.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function resetTokenHash(token: string): string {
  return keyedHash("password-reset", token);
}

export function newResetToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: resetTokenHash(token) };
}

/** A typed or posted token, or null when it cannot be one of ours. */
export function readResetToken(input: unknown): string | null {
  return typeof input === "string" && TOKEN_PATTERN.test(input) ? input : null;
}

/**
 * `secondFactor`: the reset asks for one, as sign-in would (docs/rules.md, rules 7, 18 and 21):
 * an authenticator app (`withApp`) or, where passkeys are allowed, a passkey (`passkey`).
 */
export type ResetLinkAccount = {
  id: string;
  email: string;
  name: string;
  secondFactor: boolean;
  withApp: boolean;
  passkey: boolean;
};

/** The account a live, unused link belongs to, or null. Reads only: opening a link uses nothing. */
export async function accountOfResetLink(
  input: unknown,
  now: Date,
): Promise<{ tokenId: string; account: ResetLinkAccount } | null> {
  const token = readResetToken(input);
  if (!token) return null;
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: resetTokenHash(token) },
    select: {
      id: true,
      usedAt: true,
      expiresAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          totpEnabledAt: true,
          deactivatedAt: true,
          _count: { select: { passkeys: true } },
        },
      },
    },
  });
  // A deactivated account's link is no link (one asked for just before the deactivation).
  if (!row || row.usedAt || row.expiresAt <= now || row.user.deactivatedAt) return null;
  const { id, email, name, totpEnabledAt, _count } = row.user;
  const account = { id, email, name };
  const settings = await getSettings();
  const withApp = totpEnabledAt !== null;
  const passkey = settings.allowPasskeys && _count.passkeys > 0;
  const secondFactor = settings.twoFactorEnabled && (withApp || passkey);
  return { tokenId: row.id, account: { ...account, secondFactor, withApp, passkey } };
}
