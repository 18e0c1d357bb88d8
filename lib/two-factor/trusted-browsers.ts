import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { describeBrowser } from "@/lib/format/browser-description";

function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** Issues a random token for this browser; only its hash is stored. */
export async function trustBrowser(
  userId: string,
  userAgent: string | null,
  days: number,
  now: Date,
) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + days * 24 * 60 * 60_000);
  await db.trustedBrowser.create({
    data: {
      userId,
      tokenHash: hashToken(token),
      description: describeBrowser(userAgent),
      createdAt: now,
      lastUsedAt: now,
      expiresAt,
    },
  });
  return { token, expiresAt };
}

/** Whether the token is a live trust for this account; a hit records its use. */
export async function isTrustedBrowser(userId: string, token: string | undefined, now: Date) {
  if (!token || token.length > 100) return false;
  const used = await db.trustedBrowser.updateMany({
    where: { userId, tokenHash: hashToken(token), expiresAt: { gt: now } },
    data: { lastUsedAt: now },
  });
  return used.count === 1;
}

/** Whether the token is a live trust for this account, read only (inside a sign-in's transaction). */
export async function trustedBrowserIsLive(
  reader: Pick<typeof db, "trustedBrowser">,
  userId: string,
  token: string | undefined,
  now: Date,
) {
  if (!token || token.length > 100) return false;
  const where = { userId, tokenHash: hashToken(token), expiresAt: { gt: now } };
  return (await reader.trustedBrowser.count({ where })) > 0;
}

export async function listTrustedBrowsers(userId: string, now: Date) {
  return db.trustedBrowser.findMany({
    where: { userId, expiresAt: { gt: now } },
    select: { id: true, description: true, createdAt: true, lastUsedAt: true, expiresAt: true },
    orderBy: { lastUsedAt: "desc" },
  });
}

export async function revokeTrustedBrowser(userId: string, id: string) {
  const removed = await db.trustedBrowser.deleteMany({ where: { id, userId } });
  return removed.count === 1;
}
