// The targets the benchmark is held to, as ratios to the floor (bench/floor/, a bare Next.js app
// doing the same sign-in, measured in the same run), and the rows of its table: each figure of one
// run as a number, with its target. bench/lib/summary.ts judges the runs of an engine together.
import { contextRows, lighthouseRows } from "./more-goal-rows";
import type { Breakdown, OpenLoopResult } from "./load";
import { limitText, meets, type Limit, type Unit } from "./figure-format";
import type { PageFigures } from "./pages";

export const TARGETS = {
  /** Complete two-step sign-ins/s in the closed loop, at least this many times the floor's. */
  signInsRatioToFloor: 1.0,
  /** Server CPU of a whole sign-in (one client, idle server), at most this many times the floor's. */
  signInCpuRatioToFloor: 1.2,
  /** Server CPU of every step (pages, posts, the step-2 action), at most this many times. */
  stepCpuRatioToFloor: 1.5,
  /** Step-2 p99 at an open-loop arrival rate of half the closed-loop maximum, in every run. */
  step2P99Ms: 50,
  /** Lighthouse performance of each page at least the floor's same page, same run, minus this. */
  lighthousePerformanceUnderFloor: 3,
  lighthouseAccessibility: 100,
  /** First-load JS at most the floor's page plus this many kB (gzip). */
  firstLoadJsOverFloorKb: 8,
  /** Peak RSS of a server process at most this many times the floor's. */
  rssRatioToFloor: 1.3,
  /** Keycloak's sizing guide: password-only logins per second per vCPU (printed beside ours). */
  keycloakLoginsPerVcpu: 15,
};

export type GoalRowAdder = (
  key: string,
  metric: string,
  limit: Limit | null,
  value: number,
  unit: Unit,
  detail: string,
  goal?: string,
) => void;

export type GoalRow = {
  /** The same figure in every run and on every engine (the summary groups by it). */
  key: string;
  metric: string;
  /** The target as printed, or what the figure is shown beside; "" for none. */
  goal: string;
  limit: Limit | null;
  value: number;
  unit: Unit;
  /** How the value was made ("17.0 / 25.4 /s"). */
  detail: string;
  /** Whether this run meets the limit; null for a figure without one or not measured. */
  pass: boolean | null;
};

export type GoalFigures = {
  perSecond: number;
  floorPerSecond: number;
  ceilingPerSecond: number;
  errors: number;
  app: { unloaded: Breakdown; peakRssPerProcessMiB: number; pages: PageFigures };
  floor: { unloaded: Breakdown; peakRssPerProcessMiB: number; pages: PageFigures };
  openLoop: OpenLoopResult;
  floorOpenLoop?: OpenLoopResult;
  /** Server CPU per sign-in in the closed loop (and the database server's, on PostgreSQL). */
  underLoad: {
    app: { cpuMsPerSignIn: number; databaseCpuMsPerSignIn: number | null };
    floor: { cpuMsPerSignIn: number };
  };
};

const ratio = (app: number, floor: number) => (floor > 0 ? app / floor : app > 0 ? Infinity : 1);

export function goalRows(f: GoalFigures): GoalRow[] {
  const rows: GoalRow[] = [];
  const row: GoalRowAdder = (key, metric, limit, value, unit, detail, goal) =>
    void rows.push({
      key,
      metric,
      goal: goal ?? (limit ? limitText(limit, unit) : ""),
      limit,
      value,
      unit,
      detail,
      pass: meets(limit, value),
    });

  row(
    "signIns",
    "complete two-step sign-ins/s, app ÷ floor",
    { op: "≥", bound: TARGETS.signInsRatioToFloor },
    ratio(f.perSecond, f.floorPerSecond),
    "×",
    `${f.perSecond.toFixed(1)} / ${f.floorPerSecond.toFixed(1)} /s`,
  );
  const appCpu = f.app.unloaded.serverCpuMsPerSignIn;
  const floorCpu = f.floor.unloaded.serverCpuMsPerSignIn;
  row(
    "cpuPerSignIn",
    "server CPU per complete sign-in, app ÷ floor",
    { op: "≤", bound: TARGETS.signInCpuRatioToFloor },
    ratio(appCpu, floorCpu),
    "×",
    `${appCpu} / ${floorCpu} ms`,
  );
  for (const [step, app] of Object.entries(f.app.unloaded.requests)) {
    const floor = f.floor.unloaded.requests[step]?.serverCpuMs ?? NaN;
    row(
      `step:${step}`,
      `CPU ${step} (${app.request}), app ÷ floor`,
      { op: "≤", bound: TARGETS.stepCpuRatioToFloor },
      ratio(app.serverCpuMs, floor),
      "×",
      `${app.serverCpuMs} / ${floor} ms`,
    );
  }
  // The one row for every step: the step furthest over the floor in this run.
  const stepRows = rows.filter((r) => r.key.startsWith("step:"));
  const worst = stepRows.reduce((a, b) => (b.value > a.value ? b : a), stepRows[0]!);
  row(
    "everyStep",
    "every step (pages, posts, the step-2 action), app ÷ floor: the highest",
    { op: "≤", bound: TARGETS.stepCpuRatioToFloor },
    worst?.value ?? NaN,
    "×",
    worst ? worst.key.slice("step:".length) : "",
  );
  const open = f.openLoop;
  const floorP99 = f.floorOpenLoop ? `; floor ${f.floorOpenLoop.step2.p99} ms` : "";
  row(
    "step2P99",
    "step-2 p99 at half the maximum rate",
    { op: "≤", bound: TARGETS.step2P99Ms, everyRun: true },
    open.step2.p99,
    "ms",
    `at ${open.perSecond.toFixed(1)}/s${floorP99}`,
  );
  row(
    "step2P50",
    "step-2 p50 at half the maximum rate",
    null,
    open.step2.p50,
    "ms",
    `at ${open.perSecond.toFixed(1)}/s`,
  );
  lighthouseRows(f.app.pages.lighthouse, f.floor.pages.lighthouse, row);
  for (const [page, js] of Object.entries(f.app.pages.firstLoadJsKb)) {
    const floor = f.floor.pages.firstLoadJsKb[page]?.kb ?? NaN;
    row(
      `firstLoadJs:${page}`,
      `first-load JS ${page}, app − floor (kB)`,
      { op: "≤", bound: TARGETS.firstLoadJsOverFloorKb },
      Math.round((js.kb - floor) * 10) / 10,
      "+",
      `${js.kb} − ${floor} kB`,
    );
  }
  row(
    "rss",
    "peak RSS per process, app ÷ floor",
    { op: "≤", bound: TARGETS.rssRatioToFloor },
    ratio(f.app.peakRssPerProcessMiB, f.floor.peakRssPerProcessMiB),
    "×",
    `${f.app.peakRssPerProcessMiB} / ${f.floor.peakRssPerProcessMiB} MiB`,
  );
  contextRows(f, row);
  row(
    "errors",
    "errors",
    { op: "≤", bound: 0, everyRun: true },
    f.errors,
    "",
    "",
    "0 in every run",
  );
  return rows;
}
