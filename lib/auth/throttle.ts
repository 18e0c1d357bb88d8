import "server-only";
import { keyedHash } from "@/lib/crypto/keyed-hash";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { clientNetwork } from "@/lib/http/client-address";

/**
 * Password limits, per account (or per known browser) and per client address. Each check
 * reserves its attempt with one conditional increment before the password is hashed, so however
 * many guesses arrive at once, at most the limit is ever checked; a success gives its reservation
 * back, so honest sign-ins are never throttled.
 */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const THROTTLE_BLOCK_MS = 15 * 60_000;
export const ACCOUNT_FAILURE_LIMIT = 10;
export const DEVICE_FAILURE_LIMIT = 10;
export const ADDRESS_FAILURE_LIMIT = 30;

/**
 * `account` is absent when the email names no account; `device` is set when the browser showed a
 * valid device cookie for the account.
 */
export type ThrottleKeys = { account?: string; address: string; device?: string };

/** A counter in SignInThrottle: `limit` reservations per window of `windowMs` (default 15 min). */
export type Counter = { key: string; limit: number; windowMs?: number };

export type PasswordAttempt = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * The counters' keys. The email is stored only as a keyed hash: what is typed as an email may be
 * a password, and must not land in the database. `email` is null when what was typed names no
 * account: those attempts count against the address alone, so typing a new address each time
 * writes no row per address typed (docs/rules.md, rule 23). The address counts per network (an
 * IPv6 /64). `deviceId` comes from a verified device cookie (lib/auth/device-cookies.ts).
 */
export function throttleKeys(
  email: string | null,
  clientAddress: string,
  deviceId?: string,
): ThrottleKeys {
  return {
    ...(email !== null
      ? { account: `account:${keyedHash("throttle-account", email.trim().toLowerCase())}` }
      : {}),
    address: `address:${clientNetwork(clientAddress)}`,
    ...(deviceId ? { device: `device:${deviceId}` } : {}),
  };
}

/**
 * The counters an attempt is reserved on. A browser that has passed this account's password
 * before counts against its own allowance alone, neither the account's shared one nor its
 * address's: strangers filling either, a crowd behind the owner's NAT included, do not lock the
 * owner out, and a stolen device cookie is limited on its own (docs/rules.md, rules 4 and 28).
 * Everyone else counts against the account (when the email names one) and the address.
 */
function countersFor(keys: ThrottleKeys): Counter[] {
  if (keys.device) return [{ key: keys.device, limit: DEVICE_FAILURE_LIMIT }];
  const address = { key: keys.address, limit: ADDRESS_FAILURE_LIMIT };
  return keys.account ? [{ key: keys.account, limit: ACCOUNT_FAILURE_LIMIT }, address] : [address];
}

const windowOpenedAfter = (now: Date, windowMs = THROTTLE_WINDOW_MS) =>
  new Date(now.getTime() - windowMs);
/** The condition that a counter is not blocked at `now`: a block ends on its own. */
const notBlockedAt = (now: Date) =>
  Prisma.sql`("SignInThrottle"."blockedUntil" IS NULL OR "SignInThrottle"."blockedUntil" <= ${now})`;

/**
 * Takes one attempt from each counter's allowance, in one statement; the keys that had one left.
 * Whatever a row's state, concurrent attempts never overwrite each other and the counters cost one
 * round trip together (docs/architecture.md, "Reads per request"): a missing row is created
 * holding the attempt; a row whose window ended restarts holding it; a row in an open window takes
 * it while under its limit; a blocked row takes nothing. Raw SQL because Prisma's upsert has no
 * condition on its update; the statement reads the same on SQLite and PostgreSQL, and both drivers
 * bind a date as the column stores it (test/integration/sign-in-throttle.test.ts runs on both).
 */
async function reserveAll(
  counters: Omit<Counter, "windowMs">[],
  now: Date,
  windowMs = THROTTLE_WINDOW_MS,
): Promise<Set<string>> {
  const openedAfter = windowOpenedAfter(now, windowMs);
  const rows = Prisma.join(counters.map(({ key }) => Prisma.sql`(${key}, 1, ${now})`));
  const limitOfRow = Prisma.join(
    counters.map(({ key, limit }) => Prisma.sql`WHEN ${key} THEN CAST(${limit} AS INTEGER)`),
    " ",
  );
  const taken = await db.$queryRaw<{ key: string }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "windowStart") VALUES ${rows}
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."windowStart" <= ${openedAfter}
        THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "SignInThrottle"."windowStart" <= ${openedAfter}
        THEN ${now} ELSE "SignInThrottle"."windowStart" END,
      "blockedUntil" = NULL
    WHERE ${notBlockedAt(now)}
      AND ("SignInThrottle"."windowStart" <= ${openedAfter}
        OR "SignInThrottle"."failures" < CASE "SignInThrottle"."key" ${limitOfRow} END)
    RETURNING "key"`;
  return new Set(taken.map((row) => row.key));
}

/** Takes one attempt from the counter's allowance; false when it has none left. */
export async function reserve({ key, limit, windowMs }: Counter, now: Date): Promise<boolean> {
  return (await reserveAll([{ key, limit }], now, windowMs)).has(key);
}

/**
 * Returns a reservation. A row left holding nothing could refuse nothing, so it is deleted rather
 * than kept at zero (docs/rules.md, rule 23): a request refused by one counter leaves no row in
 * another, and an honest sign-in leaves none for its address. One statement when the row held only
 * this reservation (the usual case), two otherwise; raw, as Prisma's would add a transaction.
 */
async function giveBack(key: string, now: Date) {
  const deleted = await db.$executeRaw`
    DELETE FROM "SignInThrottle"
    WHERE "key" = ${key} AND "failures" <= 1 AND ${notBlockedAt(now)}`;
  if (deleted > 0) return;
  await db.$executeRaw`
    UPDATE "SignInThrottle" SET "failures" = "failures" - 1 WHERE "key" = ${key} AND "failures" > 0`;
}

/** When the counters that refused an attempt (`refusedKeys`) will take one again. */
async function retryAfterSeconds(refusedKeys: string[], now: Date): Promise<number> {
  const rows = await db.signInThrottle.findMany({
    where: { key: { in: refusedKeys } },
    select: { blockedUntil: true, windowStart: true },
  });
  // A counter at its limit whose block is still being written waits for the window to end.
  const until = Math.max(
    ...rows.map((row) =>
      row.blockedUntil && row.blockedUntil > now
        ? row.blockedUntil.getTime()
        : row.windowStart.getTime() + THROTTLE_WINDOW_MS,
    ),
    now.getTime() + 1000,
  );
  return Math.ceil((until - now.getTime()) / 1000);
}

/** Reserves one password check against the account (or device) and the address, before hashing. */
export async function reservePasswordAttempt(
  keys: ThrottleKeys,
  now: Date,
): Promise<PasswordAttempt> {
  const counters = countersFor(keys);
  const taken = await reserveAll(counters, now);
  if (taken.size === counters.length) return { ok: true };
  // A counter refused: what the other took is given back at once.
  for (const { key } of counters) if (taken.has(key)) await giveBack(key, now);
  const refused = counters.filter(({ key }) => !taken.has(key)).map(({ key }) => key);
  return { ok: false, retryAfterSeconds: await retryAfterSeconds(refused, now) };
}

/**
 * The right password: the address's reservation is returned and the count of the account (or of
 * the known browser) restarts. The owner signing in from a known browser leaves the account's
 * shared count alone, so it does not hand strangers a fresh allowance. Single-row statements, not
 * one: a statement that locked both rows could take them in the other order than `reserveAll`
 * does, and deadlock with it on PostgreSQL.
 */
export async function passwordAttemptSucceeded(keys: ThrottleKeys, now: Date) {
  const [own, address] = countersFor(keys);
  if (address) await giveBack(address.key, now);
  await db.$executeRaw`
    DELETE FROM "SignInThrottle" WHERE "key" = ${own!.key} AND ${notBlockedAt(now)}`;
}

/** A wrong password keeps its reservation; one that reaches a limit blocks. True when it did. */
export async function passwordAttemptFailed(keys: ThrottleKeys, now: Date): Promise<boolean> {
  let blocked = false;
  const until = new Date(now.getTime() + THROTTLE_BLOCK_MS);
  for (const { key, limit } of countersFor(keys)) {
    const block = await db.$executeRaw`
      UPDATE "SignInThrottle" SET "blockedUntil" = ${until}, "failures" = 0, "windowStart" = ${now}
      WHERE "key" = ${key} AND "failures" >= ${limit} AND ${notBlockedAt(now)}`;
    blocked ||= block > 0;
  }
  return blocked;
}
