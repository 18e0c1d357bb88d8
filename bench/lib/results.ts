// The benchmark's results (what bench/results.json holds): the figures of one run, computed
// from the measurements, with the machine and the parameters they were taken with.
import os from "node:os";
import { goalRows } from "./goals";
import type { Breakdown, LoadResult } from "./load";
import { latencySummary, stepLatency, type measureCeiling } from "./measure";
import type { benchOptions } from "./options";
import type { PageFigures } from "./pages";
import type { CpuSeconds } from "./server-usage";

const STEPS = ["loginPage", "csrf", "credentials", "verifyPage", "step2", "dashboard"];

export type Measurements = {
  options: ReturnType<typeof benchOptions>;
  built: boolean;
  ceiling: Awaited<ReturnType<typeof measureCeiling>>;
  load: LoadResult;
  accountsUsed: number;
  unloaded: Breakdown;
  /** The server's CPU before and after the load, and the load generator's own CPU. */
  cpu: { before: CpuSeconds; after: CpuSeconds; client: NodeJS.CpuUsage };
  serverProcesses: number;
  peakRssMiB: number;
  pages: PageFigures;
  profile: unknown;
};

export type BenchResults = ReturnType<typeof benchResults>;

export function benchResults(m: Measurements) {
  const { load, ceiling, options } = m;
  const perSecond = load.completed / load.elapsedSeconds;
  const steps = Object.fromEntries(STEPS.map((name) => [name, stepLatency(load.timings, name)]));
  const step2 = steps.step2!;
  const serverCpu = m.cpu.after.total - m.cpu.before.total;
  const mainCpu = m.cpu.after.mainThread - m.cpu.before.mainThread;
  const clientCpu = (m.cpu.client.user + m.cpu.client.system) / 1e6;
  const statusCounts: Record<string, number> = {};
  for (const error of load.errors) {
    const key = error.status ? `HTTP ${error.status}` : error.step;
    statusCounts[key] = (statusCounts[key] ?? 0) + 1;
  }
  return {
    version: 1,
    date: new Date().toISOString(),
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverageBefore: os.loadavg()[0],
    },
    parameters: {
      tiny: options.tiny,
      durationSeconds: options.durationSeconds,
      concurrency: options.concurrency,
      accounts: options.accounts,
      warmupSeconds: options.warmupSeconds,
      database: "sqlite",
      // The server reads APPMAIL_WORKERS itself: count what it started (a primary and its workers).
      workers: m.serverProcesses === 1 ? 1 : m.serverProcesses - 1,
      built: m.built,
      flow: "GET /login, GET /api/auth/csrf, POST /api/auth/callback/credentials, GET /login/verify, POST verify action, GET /customer",
    },
    ceiling,
    signIns: {
      completed: load.completed,
      elapsedSeconds: Math.round(load.elapsedSeconds * 100) / 100,
      perSecond: Math.round(perSecond * 10) / 10,
      ratioToCeiling: Math.round((perSecond / ceiling.verifiesPerSecond) * 1000) / 1000,
      errors: load.errors.length,
      errorKinds: statusCounts,
      firstErrors: load.errors.slice(0, 5),
      accountsExhausted: load.accountsExhausted,
      accountsUsed: m.accountsUsed,
      flowLatencyMs: latencySummary(load.totals),
    },
    step2LatencyMs: step2,
    unloaded: m.unloaded,
    stepLatencyMs: steps,
    server: {
      processes: m.serverProcesses,
      peakRssMiB: m.peakRssMiB,
      cpuMsPerSignIn: Math.round((serverCpu / Math.max(1, load.completed)) * 10000) / 10,
      cpuUtilisation: Math.round((serverCpu / load.elapsedSeconds) * 100) / 100,
      mainThreadUtilisation: Math.round((mainCpu / load.elapsedSeconds) * 100) / 100,
      clientCpuUtilisation: Math.round((clientCpu / load.elapsedSeconds) * 100) / 100,
    },
    firstLoadJsKb: m.pages.firstLoadJsKb,
    lighthouse: m.pages.lighthouse,
    profile: m.profile,
    goals: goalRows({
      perSecond,
      ceilingPerSecond: ceiling.verifiesPerSecond,
      step2,
      peakRssMiB: m.peakRssMiB,
      firstLoadJsKb: m.pages.firstLoadJsKb,
      lighthouse: m.pages.lighthouse,
      errors: load.errors.length,
    }),
  };
}
