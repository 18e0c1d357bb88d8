// Everything the benchmark measures of one running server, the app's or the floor's, in order:
// warm-up, the per-step breakdown on the idle server, the closed-loop maximum, the open loop (at
// half that rate, or a rate given), the pages, and the processes' memory.
import { breakdown, runLoad, runOpenLoop, type Breakdown, type SignInSetup } from "./load";
import { log } from "./log";
import type { benchOptions } from "./options";
import { measurePages } from "./pages";
import type { SeededAccount } from "./server";
import { cpuSeconds, peakRssMiB, peakRssPerProcessMiB, serverPids } from "./server-usage";

export type TargetMeasurements = Awaited<ReturnType<typeof measureTarget>>;

/**
 * Sign-ins in a breakdown. With 60, rounds of one run still disagreed by up to 0.4× on the steps
 * of 4 to 10 ms (bench/README.md, "The sixth round"); 180 takes about a minute more.
 */
export const breakdownCount = (options: ReturnType<typeof benchOptions>) =>
  options.tiny ? 5 : 180;

export async function warmUp(setup: SignInSetup, options: ReturnType<typeof benchOptions>) {
  log(`${setup.target.name}: warm-up ${options.warmupSeconds} s…`);
  const warm = await runLoad(setup, options.warmupSeconds, Math.min(options.concurrency, 8));
  if (warm.errors.length > 0) log(`warm-up errors: ${JSON.stringify(warm.errors.slice(0, 3))}`);
}

export async function measureTarget(
  setup: SignInSetup,
  pid: number,
  /** Accounts no other sign-in uses, for the pages (two). */
  reserved: SeededAccount[],
  options: ReturnType<typeof benchOptions>,
  /**
   * openLoopRate: sign-ins/s of the open loop (default half this server's maximum); unloaded: the
   * breakdown when it was measured already, side by side with another server's (bench/run.ts).
   */
  extras: {
    openLoop: boolean;
    openLoopRate?: number;
    lighthouse: boolean;
    unloaded?: Breakdown;
    /** A database server's process (PostgreSQL's), whose CPU over the closed loop is read too. */
    databasePid?: number;
  },
) {
  const name = setup.target.name;
  // A breakdown measured already came after its own warm-up (bench/run.ts).
  let unloaded = extras.unloaded;
  if (!unloaded) {
    await warmUp(setup, options);
    log(`${name}: breakdown, sign-ins one at a time…`);
    unloaded = await breakdown(setup, breakdownCount(options), pid);
  }

  log(`${name}: closed loop, ${options.durationSeconds} s with ${options.concurrency} clients…`);
  const before = cpuSeconds(pid);
  const database = extras.databasePid;
  const databaseBefore = database === undefined ? null : cpuSeconds(database);
  const clientBefore = process.cpuUsage();
  const load = await runLoad(setup, options.durationSeconds, options.concurrency);
  const cpu = {
    before,
    after: cpuSeconds(pid),
    client: process.cpuUsage(clientBefore),
    // Seconds of the database server's processes (backends and helpers) over the same load.
    database: databaseBefore && cpuSeconds(database!).total - databaseBefore.total,
  };
  const maxPerSecond = load.completed / load.elapsedSeconds;

  let openLoop;
  if (extras.openLoop) {
    const rate = extras.openLoopRate ?? Math.max(0.5, maxPerSecond / 2);
    log(
      `${name}: open loop, sign-ins arriving at ${rate.toFixed(1)}/s for ${options.durationSeconds} s…`,
    );
    openLoop = await runOpenLoop(setup, options.durationSeconds, rate);
  }

  const pages = await measurePages(
    setup.target,
    setup.plan,
    reserved,
    setup.password,
    extras.lighthouse,
  );
  return {
    unloaded,
    load,
    cpu,
    openLoop,
    pages,
    peakRssMiB: peakRssMiB(pid),
    peakRssPerProcessMiB: peakRssPerProcessMiB(pid),
    processes: serverPids(pid).length,
  };
}
