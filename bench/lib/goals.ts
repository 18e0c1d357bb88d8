// The goals the benchmark is held to, and the rows of its table: each figure against its goal
// (pass is null for a figure shown without one).
import type { LighthouseResult } from "./lighthouse";
import type { latencySummary } from "./measure";
import type { PageFigures } from "./pages";

const GOALS = {
  signInsPerSecond: 60,
  ceilingRatio: 0.4,
  step2P99Ms: 25,
  firstLoadJsKb: 120,
  lighthousePerformance: 95,
  lighthouseAccessibility: 100,
};

export type GoalRow = { metric: string; goal: string; value: string; pass: boolean | null };

export function goalRows(figures: {
  perSecond: number;
  ceilingPerSecond: number;
  step2: ReturnType<typeof latencySummary>;
  peakRssMiB: number;
  firstLoadJsKb: PageFigures["firstLoadJsKb"];
  lighthouse: LighthouseResult;
  errors: number;
}): GoalRow[] {
  const rows: GoalRow[] = [];
  const goal = (metric: string, text: string, value: string, pass: boolean | null) =>
    rows.push({ metric, goal: text, value, pass });
  const { perSecond, ceilingPerSecond, step2, lighthouse } = figures;
  goal(
    "sign-ins/s",
    `≥ ${GOALS.signInsPerSecond}`,
    perSecond.toFixed(1),
    perSecond >= GOALS.signInsPerSecond,
  );
  goal(
    "ratio to argon2 ceiling",
    `≥ ${GOALS.ceilingRatio * 100} %`,
    `${((perSecond / ceilingPerSecond) * 100).toFixed(1)} % of ${ceilingPerSecond}/s`,
    perSecond / ceilingPerSecond >= GOALS.ceilingRatio,
  );
  goal("step-2 p50 (ms)", "", String(step2.p50), null);
  goal("step-2 p95 (ms)", "", String(step2.p95), null);
  goal(
    "step-2 p99 (ms)",
    `≤ ${GOALS.step2P99Ms}`,
    String(step2.p99),
    step2.p99 <= GOALS.step2P99Ms,
  );
  goal("server peak RSS (MiB)", "", String(figures.peakRssMiB), null);
  for (const [page, js] of Object.entries(figures.firstLoadJsKb)) {
    goal(
      `first-load JS ${page} (kB gz)`,
      `≤ ${GOALS.firstLoadJsKb}`,
      String(js.kb),
      js.kb <= GOALS.firstLoadJsKb,
    );
  }
  if (lighthouse.status === "ok") {
    for (const [page, score] of Object.entries(lighthouse.pages)) {
      goal(
        `Lighthouse perf ${page}`,
        `≥ ${GOALS.lighthousePerformance}`,
        String(score.performance),
        score.performance >= GOALS.lighthousePerformance,
      );
      goal(
        `Lighthouse a11y ${page}`,
        `= ${GOALS.lighthouseAccessibility}`,
        String(score.accessibility),
        score.accessibility >= GOALS.lighthouseAccessibility,
      );
    }
  } else {
    goal(
      "Lighthouse",
      `perf ≥ ${GOALS.lighthousePerformance}, a11y ${GOALS.lighthouseAccessibility}`,
      `lighthouse: ${lighthouse.status}${"reason" in lighthouse && lighthouse.reason ? ` (${lighthouse.reason})` : ""}`,
      null,
    );
  }
  goal("errors", "0", String(figures.errors), figures.errors === 0);
  return rows;
}
