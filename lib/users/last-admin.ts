import "server-only";
import type { Prisma } from "@/lib/db/generated/client";

/** Thrown inside a transaction to roll it back when it would leave no active admin. */
export class LastAdminRefusal extends Error {}

/**
 * Refuses (throws `LastAdminRefusal`) when taking `targetId` out of the active admins would leave
 * none. Call it first in the transaction that demotes or deactivates, before reading the target.
 *
 * One write locks every active admin row and counts them: on PostgreSQL a second transaction doing
 * the same waits for the first to commit, then re-reads the rows, skipping any it demoted or
 * deactivated, so two admins demoting each other at once cannot both pass; on SQLite the write
 * takes the database's one write lock. A bare count would not do: under PostgreSQL's read
 * committed, both would count two admins and commit, leaving none. It sets no value: `role` to
 * itself.
 */
export async function keepAnActiveAdmin(
  tx: Pick<Prisma.TransactionClient, "$executeRaw" | "user">,
  targetId: string,
): Promise<void> {
  const activeAdmins = await tx.$executeRaw`
    UPDATE "User" SET "role" = "role" WHERE "role" = 'ADMIN' AND "deactivatedAt" IS NULL`;
  const target = await tx.user.findUnique({
    where: { id: targetId },
    select: { role: true, deactivatedAt: true },
  });
  const targetCounts = target?.role === "ADMIN" && target.deactivatedAt === null;
  if (targetCounts && activeAdmins <= 1) throw new LastAdminRefusal("last_admin");
}
