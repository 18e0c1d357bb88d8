import "server-only";
import { setTimeout as sleep } from "node:timers/promises";

// How a password check waits for checks still in flight on its counters (docs/rules.md, rule 32):
// it polls with a short backoff, and is woken at once when a check of this process settles.

/**
 * Reservations count while fresh: one made in lease generation r (time / LEASE_GENERATION_MS)
 * counts until generation r + 2 starts, 10 to 20 seconds, so a check that died with its server
 * holds nothing for longer than that.
 */
export const LEASE_GENERATION_MS = 10_000;
/**
 * The longest an attempt waits for checks in flight: two generations, so every reservation in its
 * way when it began has settled or expired by then. Only a stream of new checks that keeps the
 * whole allowance in flight that long makes it answer "try again in a moment".
 */
export const WAIT_UP_TO_MS = 2 * LEASE_GENERATION_MS;

export const leaseGeneration = (at: Date) => Math.floor(at.getTime() / LEASE_GENERATION_MS);

/** Milliseconds on a monotonic clock: how long an attempt has waited. */
export const waitClock = () => performance.now();

/** Who waits, longest first: a settled check frees one reservation, so it wakes one of them. */
const sleepers: (() => void)[] = [];

/** Waits `ms`, or less when a check of this process settles first and it is next in line. */
export async function pause(ms: number): Promise<void> {
  const controller = new AbortController();
  const wake = () => controller.abort();
  sleepers.push(wake);
  try {
    await sleep(ms, undefined, { signal: controller.signal });
  } catch {
    // woken early
  } finally {
    const index = sleepers.indexOf(wake);
    if (index >= 0) sleepers.splice(index, 1);
  }
}

/** A check settled: its reservation is free, so the attempt waiting longest looks again now. */
export function checkSettled() {
  sleepers.shift()?.();
}

/**
 * The next pause of the backoff: 10 ms doubling to 500 ms. Waiting attempts mostly wake sooner,
 * one per check settled here; the pauses catch checks settled by other instances, and leases.
 */
export const nextPause = (previous: number) => Math.min(previous * 2, 500);
export const FIRST_PAUSE_MS = 10;
