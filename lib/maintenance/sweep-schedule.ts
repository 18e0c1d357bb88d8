import "server-only";
import { randomBytes } from "node:crypto";
import { claimSweep, sweepStorage, SWEEP_EVERY_MS, type SweepCounts } from "./storage-sweep";

// When the storage sweep runs (docs/architecture.md, "Bounded storage"): every instance's
// background process tries often, and the instance that claims the lease sweeps.

/** Sweeps when this instance claims the lease; null when another instance holds it. */
export async function sweepStorageIfDue(now: Date, holder: string): Promise<SweepCounts | null> {
  if (!(await claimSweep(now, holder))) return null;
  return sweepStorage(now);
}

/**
 * Tries to sweep every `intervalMs` (by default a fifth of the period, so that some instance
 * claims the lease soon after it runs out). The timer does not hold the process open.
 */
export function startStorageSweep({
  intervalMs = SWEEP_EVERY_MS / 5,
  now = () => new Date(),
}: { intervalMs?: number; now?: () => Date } = {}) {
  const holder = randomBytes(12).toString("base64url");
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = sweepStorageIfDue(now(), holder)
      .then((counts) => {
        const deleted = counts ? Object.values(counts).reduce((sum, n) => sum + n, 0) : 0;
        if (deleted > 0) console.log(`appmail: storage sweep deleted ${JSON.stringify(counts)}`);
      })
      .catch((error: unknown) => {
        console.error(`appmail: the storage sweep failed: ${(error as Error)?.name}`);
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
