import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { leaseGeneration } from "./throttle-wait";

// The statements of the password counters in SignInThrottle (docs/architecture.md, "The password
// counters"). A row keeps two things apart (docs/rules.md, rule 32): `failures`, wrong passwords
// that have happened in the window, and the checks still in flight, counted per lease generation
// (`inFlight` made in `inFlightGeneration`, `inFlightBefore` in the one before; older ones have
// expired), so that a check that died with its server holds nothing once its lease runs out. Raw
// SQL because Prisma's upsert has no condition on its update; each statement reads the same on
// SQLite and PostgreSQL (test/integration/sign-in-throttle.test.ts runs on both).

/** A counter: `limit` per window of `windowMs` (default 15 min). */
export type Counter = { key: string; limit: number; windowMs?: number };

const int = (value: number) => Prisma.sql`CAST(${value} AS INTEGER)`;
const col = (name: string) => Prisma.raw(`"SignInThrottle"."${name}"`);
const [n, p, g] = [col("inFlight"), col("inFlightBefore"), col("inFlightGeneration")];

/** A block in force at `at`. */
const blockedAt = (at: Date) =>
  Prisma.sql`(${col("blockedUntil")} IS NOT NULL AND ${col("blockedUntil")} > ${at})`;
const notBlockedAt = (at: Date) => Prisma.sql`NOT ${blockedAt(at)}`;
/** (Not blocked:) the row holds no failure of an open window, so the next one opens one. */
const freshWindow = (at: Date, windowMs: number) =>
  Prisma.sql`(${col("blockedUntil")} IS NOT NULL OR ${col("failures")} = 0
    OR ${col("windowStart")} <= ${new Date(at.getTime() - windowMs)})`;
const liveFailures = (at: Date, windowMs: number) =>
  Prisma.sql`(CASE WHEN ${freshWindow(at, windowMs)} THEN 0 ELSE ${col("failures")} END)`;
/** Checks in flight whose lease still runs in generation `e`, from counts `now` and `before`. */
const live = (e: number, current: Prisma.Sql, before: Prisma.Sql) => Prisma.sql`(CASE
  WHEN ${g} >= ${int(e)} THEN ${current} + ${before} WHEN ${g} = ${int(e)} - 1 THEN ${current}
  ELSE 0 END)`;
/** The counts once the check reserved in generation `r` is returned (a lapsed one is gone). */
const inFlightAfter = (r: number) =>
  Prisma.sql`(CASE WHEN ${g} = ${int(r)} AND ${n} > 0 THEN ${n} - 1 ELSE ${n} END)`;
const beforeAfter = (r: number) =>
  Prisma.sql`(CASE WHEN ${g} = ${int(r)} + 1 AND ${p} > 0 THEN ${p} - 1 ELSE ${p} END)`;
const release = (r: number) =>
  Prisma.sql`"inFlight" = ${inFlightAfter(r)}, "inFlightBefore" = ${beforeAfter(r)}`;

/**
 * Reserves one check on each counter, in one statement, where failures that happened and checks
 * in flight together leave room; the keys that had room, each with the generation its reservation
 * counts in. A missing row is created holding the reservation; a blocked row takes nothing.
 */
export async function reserveChecks(
  counters: Counter[],
  at: Date,
  windowMs: number,
  e: number,
): Promise<Map<string, number>> {
  const rows = Prisma.join(
    counters.map(({ key }) => Prisma.sql`(${key}, 0, ${at}, 1, 0, ${int(e)})`),
  );
  const limitOfRow = Prisma.join(
    counters.map(({ key, limit }) => Prisma.sql`WHEN ${key} THEN ${int(limit)}`),
    " ",
  );
  const taken = await db.$queryRaw<{ key: string; inFlightGeneration: number | bigint }[]>`
    INSERT INTO "SignInThrottle"
      ("key", "failures", "windowStart", "inFlight", "inFlightBefore", "inFlightGeneration")
    VALUES ${rows}
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = ${liveFailures(at, windowMs)},
      "windowStart" = CASE WHEN ${freshWindow(at, windowMs)} THEN ${at} ELSE ${col("windowStart")} END,
      "blockedUntil" = NULL,
      "inFlight" = (CASE WHEN ${g} >= ${int(e)} THEN ${n} ELSE 0 END) + 1,
      "inFlightBefore" = CASE WHEN ${g} >= ${int(e)} THEN ${p} WHEN ${g} = ${int(e)} - 1 THEN ${n}
        ELSE 0 END,
      "inFlightGeneration" = CASE WHEN ${g} >= ${int(e)} THEN ${g} ELSE ${int(e)} END
    WHERE ${notBlockedAt(at)}
      AND ${liveFailures(at, windowMs)} + ${live(e, n, p)} < CASE ${col("key")} ${limitOfRow} END
    RETURNING "key", "inFlightGeneration"`;
  return new Map(taken.map((row) => [row.key, Number(row.inFlightGeneration)]));
}

/**
 * Returns a reservation made in generation `r`; `restart` also clears the failures (the right
 * password for the account or the known browser). A row left holding nothing could refuse nothing,
 * so it is deleted rather than kept at zero (docs/rules.md, rule 23). One statement when the row
 * held only this check (the usual case); otherwise the release, then a delete where the row holds
 * nothing by then (of two checks returned at once, the later delete sees both releases). Raw, as
 * Prisma's would add a transaction.
 */
export async function returnCheck(
  key: string,
  r: number,
  at: Date,
  windowMs: number,
  restart: boolean,
) {
  const e = Math.max(r, leaseGeneration(at));
  const failuresLeft = restart ? Prisma.sql`` : Prisma.sql`AND ${liveFailures(at, windowMs)} = 0`;
  const deleted = await db.$executeRaw`
    DELETE FROM "SignInThrottle"
    WHERE "key" = ${key} AND ${notBlockedAt(at)} ${failuresLeft}
      AND ${live(e, inFlightAfter(r), beforeAfter(r))} <= 0`;
  if (deleted > 0) return;
  const failures = restart
    ? Prisma.sql`, "failures" = CASE WHEN ${blockedAt(at)} THEN ${col("failures")} ELSE 0 END`
    : Prisma.sql``;
  await db.$executeRaw`
    UPDATE "SignInThrottle" SET ${release(r)} ${failures} WHERE "key" = ${key}`;
  await db.$executeRaw`
    DELETE FROM "SignInThrottle"
    WHERE "key" = ${key} AND ${notBlockedAt(at)} AND ${liveFailures(at, windowMs)} = 0
      AND ${live(e, n, p)} <= 0`;
}

/**
 * A wrong password: the check reserved in generation `r` becomes a failure, and the failure that
 * reaches the limit blocks the counter until `blockUntil` (its count starts again then). One
 * statement; true when this failure blocked it. A failure while blocked is counted, never zero, so
 * a count of zero afterwards says that this one blocked.
 */
export async function checkFailed(
  { key, limit }: Counter,
  r: number,
  now: Date,
  windowMs: number,
  blockUntil: Date,
): Promise<boolean> {
  const next = Prisma.sql`(CASE WHEN ${freshWindow(now, windowMs)} THEN 1
    ELSE ${col("failures")} + 1 END)`;
  const reaches = Prisma.sql`${next} >= ${int(limit)}`;
  const rows = await db.$queryRaw<{ failures: number | bigint }[]>`
    UPDATE "SignInThrottle" SET ${release(r)},
      "failures" = CASE WHEN ${blockedAt(now)} THEN ${col("failures")} + 1
        WHEN ${reaches} THEN 0 ELSE ${next} END,
      "windowStart" = CASE WHEN ${blockedAt(now)} THEN ${col("windowStart")}
        WHEN ${reaches} OR ${freshWindow(now, windowMs)} THEN ${now} ELSE ${col("windowStart")} END,
      "blockedUntil" = CASE WHEN ${blockedAt(now)} THEN ${col("blockedUntil")}
        WHEN ${reaches} THEN ${blockUntil} ELSE NULL END
    WHERE "key" = ${key}
    RETURNING "failures"`;
  return rows.length > 0 && Number(rows[0]!.failures) === 0;
}

/**
 * Renews a check still in flight: its reservation moves from generation `r` to `e`, so that a
 * check slower than its lease keeps its place. The generation it counts in now, or null when the
 * row is gone.
 */
export async function renewCheck(key: string, r: number, e: number): Promise<number | null> {
  const [n1, p1] = [inFlightAfter(r), beforeAfter(r)];
  const rows = await db.$queryRaw<{ inFlightGeneration: number | bigint }[]>`
    UPDATE "SignInThrottle" SET
      "inFlight" = (CASE WHEN ${g} >= ${int(e)} THEN ${n1} ELSE 0 END) + 1,
      "inFlightBefore" = CASE WHEN ${g} >= ${int(e)} THEN ${p1} WHEN ${g} = ${int(e)} - 1 THEN ${n1}
        ELSE 0 END,
      "inFlightGeneration" = CASE WHEN ${g} >= ${int(e)} THEN ${g} ELSE ${int(e)} END
    WHERE "key" = ${key}
    RETURNING "inFlightGeneration"`;
  return rows[0] ? Number(rows[0].inFlightGeneration) : null;
}

/** What a row holds, read when it refused a reservation. */
export function readCounters(keys: string[]) {
  return db.signInThrottle.findMany({ where: { key: { in: keys } } });
}

/**
 * Counts one request (a reset request: no check to wait for) where the counter has room in its
 * window of `windowMs`; false when it has none.
 */
export async function countRequest({ key, limit }: Counter, now: Date, windowMs: number) {
  const openedAfter = new Date(now.getTime() - windowMs);
  const taken = await db.$queryRaw<{ key: string }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "windowStart") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN ${col("windowStart")} <= ${openedAfter}
        THEN 1 ELSE ${col("failures")} + 1 END,
      "windowStart" = CASE WHEN ${col("windowStart")} <= ${openedAfter}
        THEN ${now} ELSE ${col("windowStart")} END,
      "blockedUntil" = NULL
    WHERE ${notBlockedAt(now)}
      AND (${col("windowStart")} <= ${openedAfter} OR ${col("failures")} < ${int(limit)})
    RETURNING "key"`;
  return taken.length > 0;
}
