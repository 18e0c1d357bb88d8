import "server-only";
import { db } from "@/lib/db/client";

// Sign-in rows that are over, for the storage sweep: no session can use them any more, so deleting
// them changes what no request sees. Every other write is lib/auth/sign-in-rows.ts's.

/** A sign-in that completed is kept this long after it ended or expired (docs/rules.md, rule 23). */
export const ENDED_SIGN_IN_RETENTION_MS = 90 * 24 * 60 * 60_000;

/**
 * Sign-ins that are over: one that never completed once it expired (it never was a session), one
 * that completed 90 days after it expired (an ended one expires within a session's lifetime of
 * ending). The session helper refuses both long before.
 */
function over(now: Date) {
  return {
    OR: [
      { completedAt: null, expiresAt: { lte: now } },
      { expiresAt: { lte: new Date(now.getTime() - ENDED_SIGN_IN_RETENTION_MS) } },
    ],
  };
}

/**
 * Deletes up to `batch` sign-ins that are over; how many it deleted. Called by the storage sweep
 * only: opening a sign-in deletes nothing. Ids first, then a delete of those ids under the same
 * condition, so the statement holds its lock briefly.
 */
export async function deleteSignInsOver(now: Date, batch: number): Promise<number> {
  const ids = await db.signIn.findMany({ where: over(now), select: { id: true }, take: batch });
  if (ids.length === 0) return 0;
  const deleted = await db.signIn.deleteMany({
    where: { id: { in: ids.map((row) => row.id) }, ...over(now) },
  });
  return deleted.count;
}
