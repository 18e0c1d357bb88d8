// The targets the benchmark is held to, and the rows of its table: each figure against
// its target (pass is null for a figure shown without one, or not judged in this run).
import type { LighthouseResult } from "./lighthouse";
import type { Breakdown, OpenLoopResult } from "./load";
import type { PageFigures } from "./pages";

export const TARGETS = {
  /** Server CPU of every step, and of the whole sign-in, at most this many times the floor's. */
  cpuRatioToFloor: 1.5,
  /** Complete sign-ins/s as a fraction of the same run's argon2id ceiling, with 2 workers. */
  ceilingRatio: 0.25,
  ceilingRatioWorkers: 2,
  /** Step-2 p99 at an open-loop arrival rate of half the closed-loop maximum. */
  step2P99Ms: 50,
  /** First-load JS at most the floor's page plus this many kB (gzip). */
  firstLoadJsOverFloorKb: 8,
  lighthousePerformance: 95,
  lighthouseAccessibility: 100,
  /** Peak RSS of a server process at most this many times the floor's. */
  rssRatioToFloor: 1.3,
};

export type GoalRow = { metric: string; goal: string; value: string; pass: boolean | null };

export type GoalFigures = {
  perSecond: number;
  ceilingPerSecond: number;
  workers: number;
  errors: number;
  app: { unloaded: Breakdown; peakRssPerProcessMiB: number; pages: PageFigures };
  floor: { unloaded: Breakdown; peakRssPerProcessMiB: number; pages: PageFigures };
  openLoop: OpenLoopResult;
  lighthouse: LighthouseResult;
};

const ratio = (app: number, floor: number) => (floor > 0 ? app / floor : app > 0 ? Infinity : 1);
const times = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : "∞×");

export function goalRows(f: GoalFigures): GoalRow[] {
  const rows: GoalRow[] = [];
  const goal = (metric: string, text: string, value: string, pass: boolean | null) =>
    rows.push({ metric, goal: text, value, pass });
  const cpuGoal = `≤ ${TARGETS.cpuRatioToFloor}× floor`;
  for (const [step, app] of Object.entries(f.app.unloaded.requests)) {
    const floor = f.floor.unloaded.requests[step]?.serverCpuMs ?? NaN;
    const r = ratio(app.serverCpuMs, floor);
    goal(
      `CPU ${step} (${app.request}) ms app/floor`,
      cpuGoal,
      `${app.serverCpuMs} / ${floor} = ${times(r)}`,
      r <= TARGETS.cpuRatioToFloor,
    );
  }
  const whole = ratio(f.app.unloaded.serverCpuMsPerSignIn, f.floor.unloaded.serverCpuMsPerSignIn);
  goal(
    "CPU whole sign-in ms app/floor",
    cpuGoal,
    `${f.app.unloaded.serverCpuMsPerSignIn} / ${f.floor.unloaded.serverCpuMsPerSignIn} = ${times(whole)}`,
    whole <= TARGETS.cpuRatioToFloor,
  );
  const share = f.perSecond / f.ceilingPerSecond;
  const judged = f.workers === TARGETS.ceilingRatioWorkers;
  goal(
    "sign-ins/s, share of argon2id ceiling",
    `≥ ${TARGETS.ceilingRatio * 100} %${judged ? "" : ` (judged with --workers ${TARGETS.ceilingRatioWorkers})`}`,
    `${f.perSecond.toFixed(1)}/s = ${(share * 100).toFixed(1)} % of ${f.ceilingPerSecond}/s`,
    judged ? share >= TARGETS.ceilingRatio : null,
  );
  const open = f.openLoop;
  goal(`step-2 p50 (ms) at ${open.perSecond.toFixed(1)}/s`, "", String(open.step2.p50), null);
  goal(
    `step-2 p99 (ms) at ${open.perSecond.toFixed(1)}/s`,
    `≤ ${TARGETS.step2P99Ms}`,
    String(open.step2.p99),
    open.step2.p99 <= TARGETS.step2P99Ms,
  );
  for (const [page, js] of Object.entries(f.app.pages.firstLoadJsKb)) {
    const floor = f.floor.pages.firstLoadJsKb[page]?.kb ?? NaN;
    const over = Math.round((js.kb - floor) * 10) / 10;
    goal(
      `first-load JS ${page} kB app − floor`,
      `≤ +${TARGETS.firstLoadJsOverFloorKb}`,
      `${js.kb} − ${floor} = ${over >= 0 ? "+" : ""}${over}`,
      over <= TARGETS.firstLoadJsOverFloorKb,
    );
  }
  lighthouseRows(f.lighthouse, f.floor.pages.lighthouse, goal);
  const rss = ratio(f.app.peakRssPerProcessMiB, f.floor.peakRssPerProcessMiB);
  goal(
    "peak RSS per process MiB app/floor",
    `≤ ${TARGETS.rssRatioToFloor}× floor`,
    `${f.app.peakRssPerProcessMiB} / ${f.floor.peakRssPerProcessMiB} = ${times(rss)}`,
    rss <= TARGETS.rssRatioToFloor,
  );
  goal("errors", "0", String(f.errors), f.errors === 0);
  return rows;
}

/** The app's scores against the targets, each with the floor's same page beside it when run. */
function lighthouseRows(
  lighthouse: LighthouseResult,
  floorLighthouse: LighthouseResult,
  goal: (metric: string, text: string, value: string, pass: boolean | null) => void,
) {
  if (lighthouse.status !== "ok") {
    const reason = "reason" in lighthouse && lighthouse.reason ? ` (${lighthouse.reason})` : "";
    goal(
      "Lighthouse",
      `perf ≥ ${TARGETS.lighthousePerformance}, a11y ${TARGETS.lighthouseAccessibility}`,
      `lighthouse: ${lighthouse.status}${reason}`,
      null,
    );
    return;
  }
  const floor = (page: string, category: "performance" | "accessibility") =>
    floorLighthouse.status === "ok" && floorLighthouse.pages[page]
      ? ` (floor ${floorLighthouse.pages[page][category]})`
      : "";
  for (const [page, score] of Object.entries(lighthouse.pages)) {
    goal(
      `Lighthouse perf ${page}`,
      `≥ ${TARGETS.lighthousePerformance}`,
      `${score.performance}${floor(page, "performance")}`,
      score.performance >= TARGETS.lighthousePerformance,
    );
    goal(
      `Lighthouse a11y ${page}`,
      `= ${TARGETS.lighthouseAccessibility}`,
      `${score.accessibility}${floor(page, "accessibility")}`,
      score.accessibility >= TARGETS.lighthouseAccessibility,
    );
  }
}
