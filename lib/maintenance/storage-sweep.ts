import "server-only";
import { THROTTLE_WINDOW_MS } from "@/lib/auth/throttle";
import { leaseGeneration } from "@/lib/auth/throttle-wait";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { deleteExpiredLinkBodies } from "@/lib/email/link-bodies";
import { REQUEST_WINDOW_MS } from "@/lib/password-reset/request-reset";
import { deleteSignInsOver } from "./sign-ins-over";

// The storage sweep (docs/rules.md, rule 23; docs/architecture.md, "Bounded storage"): deletes
// what no longer decides anything, so that the tables an anonymous or pending client can write stay
// bounded. It runs in every instance's background process (scripts/email-sender.ts); a lease row
// claimed by one conditional write lets one instance sweep per period, and each statement deletes
// at most SWEEP_BATCH rows, so no lock is held for long.

const DAY_MS = 24 * 60 * 60_000;
/** How often a sweep runs (across all instances: the lease holds the others off meanwhile). */
export const SWEEP_EVERY_MS = 5 * 60_000;
/** Rows deleted per statement, and statements per table per sweep at most. */
export const SWEEP_BATCH = 300;
const SWEEP_BATCHES_PER_TABLE = 50;
// Sign-ins: 90 days after they ended or expired (ENDED_SIGN_IN_RETENTION_MS, sign-ins-over.ts).
/** Security-log entries that name no account (unknown emails, anonymous requests). */
export const ANONYMOUS_AUDIT_RETENTION_MS = 30 * DAY_MS;
/** Sent and failed e-mail, as /backend/email lists it. */
export const OUTBOX_RETENTION_MS = 30 * DAY_MS;

const LEASE_NAME = "storage-sweep";
const RESET_COUNTER_PREFIX = "reset-";

export type SweepCounts = {
  signInThrottle: number;
  passkeyChallenge: number;
  passwordResetToken: number;
  /** "This wasn't me" links once expired, used or not (docs/rules.md, rule 35). */
  notMeToken: number;
  signIn: number;
  auditEvent: number;
  outboxMessage: number;
  /** Bodies of queued links that expired (docs/rules.md, rule 25); their rows stay, failed. */
  outboxLinkBody: number;
};

const before = (now: Date, ms: number) => new Date(now.getTime() - ms);

/**
 * Claims the sweep until `now + SWEEP_EVERY_MS`: one conditional upsert, so of instances racing
 * for it exactly one gets it, and no other sweeps again before that time. Raw SQL because
 * Prisma's upsert has no condition on its update (the same statement on SQLite and PostgreSQL).
 */
export async function claimSweep(now: Date, holder: string): Promise<boolean> {
  const until = new Date(now.getTime() + SWEEP_EVERY_MS);
  const claimed = await db.$queryRaw<{ name: string }[]>`
    INSERT INTO "MaintenanceLease" ("name", "holder", "until") VALUES (${LEASE_NAME}, ${holder}, ${until})
    ON CONFLICT ("name") DO UPDATE SET "holder" = ${holder}, "until" = ${until}
    WHERE "MaintenanceLease"."until" <= ${now}
    RETURNING "name"`;
  return claimed.length === 1;
}

/**
 * Deletes, a batch at a time, the rows `where` selects: ids first (one indexed read), then a
 * delete of those ids under the same condition, so a row that changed in between stays.
 */
async function inBatches(
  findIds: () => Promise<string[]>,
  deleteIds: (ids: string[]) => Promise<{ count: number }>,
): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < SWEEP_BATCHES_PER_TABLE; batch++) {
    const ids = await findIds();
    if (ids.length === 0) break;
    total += (await deleteIds(ids)).count;
    if (ids.length < SWEEP_BATCH) break;
  }
  return total;
}

/**
 * Throttle counters that can refuse nothing any more: not blocked, their window over (an hour
 * for reset requests, 15 minutes for passwords) and the leases of their checks in flight run out
 * (docs/rules.md, rule 32). A missing row counts as a new window.
 */
function deadCounters(now: Date): Prisma.SignInThrottleWhereInput {
  const reset = { startsWith: RESET_COUNTER_PREFIX };
  return {
    OR: [{ blockedUntil: null }, { blockedUntil: { lte: now } }],
    inFlightGeneration: { lt: leaseGeneration(now) - 1 },
    AND: [
      {
        OR: [
          { key: reset, windowStart: { lte: before(now, REQUEST_WINDOW_MS) } },
          { NOT: { key: reset }, windowStart: { lte: before(now, THROTTLE_WINDOW_MS) } },
        ],
      },
    ],
  };
}

/** One sweep of every table, whatever the lease (tests call it directly). Rows deleted per table. */
export async function sweepStorage(now: Date): Promise<SweepCounts> {
  const take = SWEEP_BATCH;
  const signInThrottle = await inBatches(
    async () =>
      (
        await db.signInThrottle.findMany({ where: deadCounters(now), select: { key: true }, take })
      ).map((row) => row.key),
    (keys) => db.signInThrottle.deleteMany({ where: { key: { in: keys }, ...deadCounters(now) } }),
  );
  const expiredChallenge = { expiresAt: { lte: now } };
  const passkeyChallenge = await inBatches(
    async () =>
      (
        await db.passkeyChallenge.findMany({
          where: expiredChallenge,
          select: { challenge: true },
          take,
        })
      ).map((row) => row.challenge),
    (ids) =>
      db.passkeyChallenge.deleteMany({ where: { challenge: { in: ids }, ...expiredChallenge } }),
  );
  const expiredLink = { expiresAt: { lte: now } };
  const passwordResetToken = await inBatches(
    async () =>
      (
        await db.passwordResetToken.findMany({ where: expiredLink, select: { id: true }, take })
      ).map((row) => row.id),
    (ids) => db.passwordResetToken.deleteMany({ where: { id: { in: ids }, ...expiredLink } }),
  );
  const notMeToken = await inBatches(
    async () =>
      (await db.notMeToken.findMany({ where: expiredLink, select: { id: true }, take })).map(
        (row) => row.id,
      ),
    (ids) => db.notMeToken.deleteMany({ where: { id: { in: ids }, ...expiredLink } }),
  );
  // The sign-in module deletes its own rows (the table's only writer).
  let signIn = 0;
  for (let batch = 0; batch < SWEEP_BATCHES_PER_TABLE; batch++) {
    const deleted = await deleteSignInsOver(now, SWEEP_BATCH);
    signIn += deleted;
    if (deleted < SWEEP_BATCH) break;
  }
  const anonymousAudit = {
    subjectId: null,
    createdAt: { lte: before(now, ANONYMOUS_AUDIT_RETENTION_MS) },
  };
  const auditEvent = await inBatches(
    async () =>
      (await db.auditEvent.findMany({ where: anonymousAudit, select: { id: true }, take })).map(
        (row) => row.id,
      ),
    (ids) => db.auditEvent.deleteMany({ where: { id: { in: ids }, ...anonymousAudit } }),
  );
  // A link that expired unsent fails first (then its row is kept as failed mail is), and its
  // body is deleted, sent or not.
  const outboxLinkBody = await deleteExpiredLinkBodies(now, { batchSize: SWEEP_BATCH });
  const doneMail = {
    status: { in: ["SENT", "FAILED"] },
    createdAt: { lte: before(now, OUTBOX_RETENTION_MS) },
  };
  const outboxMessage = await inBatches(
    async () =>
      (await db.outboxMessage.findMany({ where: doneMail, select: { id: true }, take })).map(
        (row) => row.id,
      ),
    (ids) => db.outboxMessage.deleteMany({ where: { id: { in: ids }, ...doneMail } }),
  );
  return {
    signInThrottle,
    passkeyChallenge,
    passwordResetToken,
    notMeToken,
    signIn,
    auditEvent,
    outboxMessage,
    outboxLinkBody,
  };
}
