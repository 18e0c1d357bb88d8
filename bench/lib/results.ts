// The benchmark's results (what bench/results.json holds): the figures of one run, the app's and
// the floor's, computed from the measurements, with the machine and the parameters.
import os from "node:os";
import { goalRows } from "./goals";
import type { LoadResult, OpenLoopResult } from "./load";
import { latencySummary, stepLatency, type measureCeiling } from "./measure";
import type { TargetMeasurements } from "./measure-target";
import type { benchOptions } from "./options";
import { requestKey } from "./recorded-flow";
import { planSteps, type ReplayPlan } from "./replay";
import type { Engine } from "./soak-database";

export type Measurements = {
  options: ReturnType<typeof benchOptions>;
  engine: Engine;
  /** 1 for the first run on this engine. */
  run: number;
  built: boolean;
  floorBuilt: boolean;
  plan: ReplayPlan;
  ceiling: Awaited<ReturnType<typeof measureCeiling>>;
  app: TargetMeasurements;
  floor: TargetMeasurements;
  accountsUsed: number;
  profile: unknown;
};

export type BenchResults = ReturnType<typeof benchResults>;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Sign-ins/s, errors and latency of a closed-loop run. */
function signInFigures(load: LoadResult) {
  const statusCounts: Record<string, number> = {};
  for (const error of load.errors) {
    const key = error.status ? `HTTP ${error.status}` : error.step;
    statusCounts[key] = (statusCounts[key] ?? 0) + 1;
  }
  return {
    completed: load.completed,
    elapsedSeconds: round(load.elapsedSeconds, 2),
    perSecond: round(load.completed / load.elapsedSeconds),
    errors: load.errors.length,
    errorKinds: statusCounts,
    firstErrors: load.errors.slice(0, 5),
    accountsExhausted: load.accountsExhausted,
    flowLatencyMs: latencySummary(load.totals),
  };
}

/** The server's CPU and memory during a closed-loop run. */
function serverFigures(m: TargetMeasurements) {
  const { load, cpu } = m;
  const serverCpu = cpu.after.total - cpu.before.total;
  const mainCpu = cpu.after.mainThread - cpu.before.mainThread;
  const clientCpu = (cpu.client.user + cpu.client.system) / 1e6;
  return {
    processes: m.processes,
    peakRssMiB: m.peakRssMiB,
    peakRssPerProcessMiB: m.peakRssPerProcessMiB,
    cpuMsPerSignIn: round((serverCpu / Math.max(1, load.completed)) * 1000),
    /** PostgreSQL's server, not counted in the app's CPU (SQLite works inside the app). */
    databaseCpuMsPerSignIn:
      cpu.database === null ? null : round((cpu.database / Math.max(1, load.completed)) * 1000),
    cpuUtilisation: round(serverCpu / load.elapsedSeconds, 2),
    mainThreadUtilisation: round(mainCpu / load.elapsedSeconds, 2),
    clientCpuUtilisation: round(clientCpu / load.elapsedSeconds, 2),
  };
}

/** An open loop's rate and latencies (step 2's, and each sign-in's from when it was due). */
function openLoopFigures(open: OpenLoopResult | undefined) {
  return (
    open && {
      perSecond: round(open.perSecond, 2),
      arrivals: open.arrivals,
      completed: open.completed,
      errors: open.errors.length,
      step2LatencyMs: open.step2,
      signInLatencyMs: open.signIn,
      generatorLateMs: open.generatorLateMs,
    }
  );
}

export function benchResults(m: Measurements) {
  const { app, floor, ceiling, options } = m;
  const steps = planSteps(m.plan);
  const stepLatencyMs = Object.fromEntries(
    steps.map((name) => [name, stepLatency(app.load.timings, name)]),
  );
  const signIns = signInFigures(app.load);
  const floorSignIns = signInFigures(floor.load);
  return {
    version: 3,
    engine: m.engine,
    run: m.run,
    date: new Date().toISOString(),
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: os.loadavg()[0] ?? 0,
    },
    parameters: {
      tiny: options.tiny,
      durationSeconds: options.durationSeconds,
      concurrency: options.concurrency,
      accounts: options.accounts,
      warmupSeconds: options.warmupSeconds,
      database: m.engine,
      // The server reads APPMAIL_WORKERS itself: count what it started (a primary and its workers).
      workers: app.processes === 1 ? 1 : app.processes - 1,
      built: m.built,
      floorBuilt: m.floorBuilt,
      flow: m.plan.map(({ recorded }) => requestKey(recorded)),
    },
    ceiling,
    signIns: {
      ...signIns,
      ratioToCeiling: round(signIns.perSecond / ceiling.verifiesPerSecond, 3),
      accountsUsed: m.accountsUsed,
    },
    /** Step 2 in the closed loop: at saturation, mostly the queue. */
    step2LatencyMs: stepLatencyMs.step2!,
    openLoop: openLoopFigures(app.openLoop),
    unloaded: app.unloaded,
    stepLatencyMs,
    server: serverFigures(app),
    firstLoadJsKb: app.pages.firstLoadJsKb,
    lighthouse: app.pages.lighthouse,
    floor: {
      ...floorSignIns,
      ratioToCeiling: round(floorSignIns.perSecond / ceiling.verifiesPerSecond, 3),
      unloaded: floor.unloaded,
      server: serverFigures(floor),
      firstLoadJsKb: floor.pages.firstLoadJsKb,
      lighthouse: floor.pages.lighthouse,
      openLoop: openLoopFigures(floor.openLoop),
    },
    profile: m.profile,
    goals: goalRows({
      perSecond: signIns.perSecond,
      floorPerSecond: floorSignIns.perSecond,
      ceilingPerSecond: ceiling.verifiesPerSecond,
      errors:
        signIns.errors +
        (app.openLoop?.errors.length ?? 0) +
        floorSignIns.errors +
        (floor.openLoop?.errors.length ?? 0),
      app,
      floor,
      openLoop: app.openLoop!,
      floorOpenLoop: floor.openLoop,
      underLoad: { app: serverFigures(app), floor: serverFigures(floor) },
    }),
  };
}
