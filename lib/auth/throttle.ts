import "server-only";
import { db } from "@/lib/db/client";

/** Step-1 limits: failures only are counted, so honest sign-ins are never throttled. */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const THROTTLE_BLOCK_MS = 15 * 60_000;
export const ACCOUNT_FAILURE_LIMIT = 10;
export const ADDRESS_FAILURE_LIMIT = 30;

export type ThrottleKeys = { account: string; address: string };

export function throttleKeys(email: string, clientAddress: string): ThrottleKeys {
  return { account: `account:${email}`, address: `address:${clientAddress}` };
}

/** When the keys are blocked, how many seconds remain; null when sign-in may proceed. */
export async function throttleRetryAfter(keys: ThrottleKeys, now: Date): Promise<number | null> {
  const rows = await db.signInThrottle.findMany({
    where: { key: { in: [keys.account, keys.address] }, blockedUntil: { gt: now } },
    select: { blockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((row) => row.blockedUntil!.getTime()));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : null;
}

async function countFailure(key: string, limit: number, now: Date): Promise<boolean> {
  const windowOpen = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  // Each step is one conditional statement, so concurrent failures never overwrite each other:
  // create the row if missing, restart an ended window (only once), then increment.
  await db.signInThrottle
    .create({ data: { key, failures: 0, windowStart: now } })
    .catch(() => undefined);
  await db.signInThrottle.updateMany({
    where: { key, windowStart: { lte: windowOpen } },
    data: { failures: 0, windowStart: now, blockedUntil: null },
  });
  await db.signInThrottle.updateMany({ where: { key }, data: { failures: { increment: 1 } } });
  const blocked = await db.signInThrottle.updateMany({
    where: { key, failures: { gte: limit }, windowStart: { gt: windowOpen } },
    data: {
      blockedUntil: new Date(now.getTime() + THROTTLE_BLOCK_MS),
      failures: 0,
      windowStart: now,
    },
  });
  return blocked.count > 0;
}

/** Counts one failed attempt against the account and the address; true when that blocks one. */
export async function recordSignInFailure(keys: ThrottleKeys, now: Date): Promise<boolean> {
  const account = await countFailure(keys.account, ACCOUNT_FAILURE_LIMIT, now);
  const address = await countFailure(keys.address, ADDRESS_FAILURE_LIMIT, now);
  return account || address;
}

/** After a success the account's count starts again; a read first keeps the usual case write-free. */
export async function clearAccountFailures(keys: ThrottleKeys) {
  const row = await db.signInThrottle.findUnique({ where: { key: keys.account } });
  if (row && !row.blockedUntil)
    await db.signInThrottle.delete({ where: { key: keys.account } }).catch(() => undefined);
}
