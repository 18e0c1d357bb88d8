// The Lighthouse rows of the benchmark's table (bench/lib/goals.ts): each page's performance
// against the floor's same page in the same run, and its accessibility.
import { TARGETS, type GoalRowAdder } from "./goals";
import type { LighthouseResult } from "./lighthouse";

/** Each page's performance against the floor's same page in the same run, and its accessibility. */
export function lighthouseRows(app: LighthouseResult, floor: LighthouseResult, row: GoalRowAdder) {
  if (app.status !== "ok" || floor.status !== "ok") {
    const failed = app.status !== "ok" ? app : floor;
    const reason = "reason" in failed && failed.reason ? ` (${failed.reason})` : "";
    row("lighthouse", "Lighthouse", null, NaN, "", `${failed.status}${reason}`, "not run");
    return;
  }
  const perf = { op: "≥", bound: -TARGETS.lighthousePerformanceUnderFloor } as const;
  for (const [page, score] of Object.entries(app.pages)) {
    const floorScore = floor.pages[page]?.performance ?? NaN;
    row(
      `lighthousePerf:${page}`,
      `Lighthouse performance ${page}, app − floor`,
      perf,
      score.performance - floorScore,
      "+",
      `${score.performance} − ${floorScore}`,
    );
    row(
      `lighthouseA11y:${page}`,
      `Lighthouse accessibility ${page}`,
      { op: "≥", bound: TARGETS.lighthouseAccessibility },
      score.accessibility,
      "",
      `floor ${floor.pages[page]?.accessibility ?? "–"}`,
      String(TARGETS.lighthouseAccessibility),
    );
  }
}
