// More rows of the benchmark's table (bench/lib/goals.ts): Lighthouse, each page's performance
// against the floor's same page in the same run and its accessibility; and the figures shown for
// context, without a target.
import os from "node:os";
import { TARGETS, type GoalFigures, type GoalRowAdder } from "./goals";
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

/** Figures without a target: the database server's CPU, sign-ins per core, the ceiling's share. */
export function contextRows(f: GoalFigures, row: GoalRowAdder) {
  const loaded = f.underLoad;
  if (loaded.app.databaseCpuMsPerSignIn !== null) {
    row(
      "databaseCpu",
      "PostgreSQL server CPU per sign-in under load (not in the ratios)",
      null,
      loaded.app.databaseCpuMsPerSignIn,
      "ms",
      `app ${loaded.app.cpuMsPerSignIn} ms, floor ${loaded.floor.cpuMsPerSignIn} ms`,
      "context",
    );
  }
  const cores = os.availableParallelism();
  row(
    "perCore",
    "sign-ins/s per core",
    null,
    f.perSecond / cores,
    "/s",
    `${f.perSecond.toFixed(1)}/s on ${cores} cores; floor ${(f.floorPerSecond / cores).toFixed(1)}`,
    `beside Keycloak's ${TARGETS.keycloakLoginsPerVcpu}/s per vCPU (password only)`,
  );
  row(
    "ceilingShare",
    "sign-ins/s, share of the argon2id ceiling",
    null,
    (f.perSecond / f.ceilingPerSecond) * 100,
    "%",
    `of ${f.ceilingPerSecond}/s; floor ${((f.floorPerSecond / f.ceilingPerSecond) * 100).toFixed(1)} %`,
    "context",
  );
}
