import "server-only";
import { db } from "@/lib/db/client";

/**
 * Password limits, per account and per client address. Each check reserves its attempt with one
 * conditional increment before the password is hashed, so however many guesses arrive at once,
 * at most the limit is ever checked; a success gives its reservation back, so honest sign-ins are
 * never throttled.
 */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const THROTTLE_BLOCK_MS = 15 * 60_000;
export const ACCOUNT_FAILURE_LIMIT = 10;
export const ADDRESS_FAILURE_LIMIT = 30;

export type ThrottleKeys = { account: string; address: string };

type Counter = { key: string; limit: number };

export type PasswordAttempt = { ok: true } | { ok: false; retryAfterSeconds: number };

export function throttleKeys(email: string, clientAddress: string): ThrottleKeys {
  return { account: `account:${email}`, address: `address:${clientAddress}` };
}

function countersFor(keys: ThrottleKeys): [account: Counter, address: Counter] {
  return [
    { key: keys.account, limit: ACCOUNT_FAILURE_LIMIT },
    { key: keys.address, limit: ADDRESS_FAILURE_LIMIT },
  ];
}

const windowOpenedAfter = (now: Date) => new Date(now.getTime() - THROTTLE_WINDOW_MS);
const notBlocked = (now: Date) => [{ blockedUntil: null }, { blockedUntil: { lte: now } }];

/** Takes one attempt from the counter's allowance; false when it has none left. */
async function reserve({ key, limit }: Counter, now: Date): Promise<boolean> {
  // Each statement is one conditional write, so concurrent attempts never overwrite each other:
  // create the row if missing, restart an ended window, then increment only below the limit.
  await db.signInThrottle
    .create({ data: { key, failures: 0, windowStart: now } })
    .catch(() => undefined);
  await db.signInThrottle.updateMany({
    where: { key, windowStart: { lte: windowOpenedAfter(now) }, OR: notBlocked(now) },
    data: { failures: 0, windowStart: now, blockedUntil: null },
  });
  const reserved = await db.signInThrottle.updateMany({
    where: { key, failures: { lt: limit }, OR: notBlocked(now) },
    data: { failures: { increment: 1 } },
  });
  return reserved.count === 1;
}

async function giveBack(key: string) {
  await db.signInThrottle.updateMany({
    where: { key, failures: { gt: 0 } },
    data: { failures: { decrement: 1 } },
  });
}

async function retryAfterSeconds(keys: ThrottleKeys, now: Date): Promise<number> {
  const rows = await db.signInThrottle.findMany({
    where: { key: { in: [keys.account, keys.address] } },
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

/** Reserves one password check against the account and the client address, before hashing. */
export async function reservePasswordAttempt(
  keys: ThrottleKeys,
  now: Date,
): Promise<PasswordAttempt> {
  const [account, address] = countersFor(keys);
  if (!(await reserve(account, now))) {
    return { ok: false, retryAfterSeconds: await retryAfterSeconds(keys, now) };
  }
  if (!(await reserve(address, now))) {
    await giveBack(account.key);
    return { ok: false, retryAfterSeconds: await retryAfterSeconds(keys, now) };
  }
  return { ok: true };
}

/** The right password: the address's reservation is returned and the account's count restarts. */
export async function passwordAttemptSucceeded(keys: ThrottleKeys, now: Date) {
  await giveBack(keys.address);
  await db.signInThrottle.deleteMany({ where: { key: keys.account, OR: notBlocked(now) } });
}

/** A wrong password keeps its reservation; one that reaches a limit blocks. True when it did. */
export async function passwordAttemptFailed(keys: ThrottleKeys, now: Date): Promise<boolean> {
  let blocked = false;
  for (const { key, limit } of countersFor(keys)) {
    const block = await db.signInThrottle.updateMany({
      where: { key, failures: { gte: limit }, OR: notBlocked(now) },
      data: {
        blockedUntil: new Date(now.getTime() + THROTTLE_BLOCK_MS),
        failures: 0,
        windowStart: now,
      },
    });
    blocked ||= block.count > 0;
  }
  return blocked;
}
