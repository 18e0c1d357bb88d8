import "server-only";
import { renewCheck } from "./throttle-rows";
import { LEASE_GENERATION_MS, leaseGeneration, waitClock } from "./throttle-wait";

// A check's lease kept while it runs (docs/rules.md, rule 32): a reservation counts 10 to 20 s
// from when it was made, which a saturated server's queue of hashes can outlast; every half
// generation a check still running moves its reservation to the generation of the moment, so
// that at most the limit is checked at once however slow the checks. A check that died with its
// server is renewed by no one, and lapses.

/** What a reservation knows of itself: when it was made, and its generation on each counter. */
export type Lease = { at: Date; started: number; generations: Map<string, number> };

export const newLease = (at: Date, generations: Map<string, number>): Lease => ({
  at,
  started: waitClock(),
  generations,
});

/** Runs `work` (the password check) with `lease` renewed while it runs. */
export async function whileChecking<T>(lease: Lease, work: () => Promise<T>): Promise<T> {
  let renewing = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewing.then(() => renew(lease)).catch(() => undefined);
  }, LEASE_GENERATION_MS / 2);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await renewing;
  }
}

async function renew(lease: Lease) {
  const e = leaseGeneration(new Date(lease.at.getTime() + (waitClock() - lease.started)));
  for (const [key, r] of lease.generations) {
    if (r >= e) continue;
    const renewed = await renewCheck(key, r, e);
    if (renewed !== null) lease.generations.set(key, renewed);
  }
}
