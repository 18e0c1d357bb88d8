// Keeps the benchmark and the soak test from rotting: both run in their tiny modes (a few
// seconds of load each). They serve the build the other suites use (NEXT_DIST_DIR, default .next,
// which `npm test` makes before this file runs) and build the floor into .next-bench-floor when
// its sources changed. The benchmark's flow must stay the one a browser was recorded making.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBenchScript } from "../support/bench-script";
import { recordedFlow, requestKey } from "../../bench/lib/recorded-flow";
import { REPLAYERS, replayPlan } from "../../bench/lib/replay";

const scratch = mkdtempSync(path.join(os.tmpdir(), "appmail-bench-smoke-"));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const recordedKeys = recordedFlow().requests.map(requestKey);

describe("benchmark and soak (tiny modes)", () => {
  it("the benchmark replays exactly the requests of the recorded Chromium sign-in", () => {
    expect(replayPlan().map(({ recorded }) => requestKey(recorded))).toEqual(recordedKeys);
    // No request a browser did not make: every kind of request the replay can send was recorded.
    expect(Object.keys(REPLAYERS).sort()).toEqual([...new Set(recordedKeys)].sort());
    // The step-2 action's response carries the dashboard: the browser fetches no page after it.
    const action = recordedKeys.indexOf("POST /login/verify action");
    expect(action).toBeGreaterThan(0);
    expect(recordedKeys.slice(action + 1).every((key) => key.endsWith(" prefetch"))).toBe(true);
  });

  it("bench/run.ts --tiny completes sign-ins without errors and writes its results", async () => {
    const out = path.join(scratch, "results.json");
    // Two server processes (APPMAIL_WORKERS=2): sign-ins spread over both share every guard.
    const result = await runBenchScript(["bench/run.ts", "--tiny", "--workers", "2", "--out", out]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("sign-ins/s");
    const written = JSON.parse(readFileSync(out, "utf8"));
    // One run (--tiny) on SQLite, every run kept under its engine, and the summary over them.
    expect(written.version).toBe(3);
    expect(Object.keys(written.engines)).toEqual(["sqlite"]);
    expect(written.engines.sqlite.runs).toHaveLength(1);
    const results = written.engines.sqlite.runs[0];
    for (const key of [
      "ceiling",
      "signIns",
      "step2LatencyMs",
      "stepLatencyMs",
      "unloaded",
      "server",
      "firstLoadJsKb",
      "lighthouse",
      "goals",
    ]) {
      expect(results, key).toHaveProperty(key);
    }
    expect(results.parameters.database).toBe("sqlite");
    expect(results.ceiling.verifiesPerSecond).toBeGreaterThan(0);
    expect(results.signIns.completed).toBeGreaterThan(0);
    expect(results.signIns.errors).toBe(0);
    expect(results.step2LatencyMs.p99).toBeGreaterThan(0);
    expect(results.server.peakRssMiB).toBeGreaterThan(0);
    expect(results.parameters.workers).toBe(2);
    expect(results.server.processes, "the primary and its two workers").toBe(3);
    for (const page of ["/login", "/login/verify", "/customer/account"]) {
      expect(results.firstLoadJsKb[page].kb).toBeGreaterThan(0);
    }
    expect(results.lighthouse.status).toBe("skipped");
    expect(results.parameters.flow, "the flow sent is the recorded one").toEqual(recordedKeys);
    // The floor ran the same flow, and every target has its row.
    expect(results.floor.completed).toBeGreaterThan(0);
    expect(results.floor.errors).toBe(0);
    expect(Object.keys(results.floor.unloaded.requests)).toEqual(
      Object.keys(results.unloaded.requests),
    );
    expect(results.floor.server.peakRssPerProcessMiB).toBeGreaterThan(0);
    for (const page of ["/login", "/login/verify", "/customer/account"]) {
      expect(results.floor.firstLoadJsKb[page].kb).toBeGreaterThan(0);
    }
    expect(results.openLoop.completed).toBe(results.openLoop.arrivals);
    expect(results.openLoop.step2LatencyMs.p99).toBeGreaterThan(0);
    // The targets of bench/README.md, as ratios to the floor, each a row with a number.
    const rows = new Map<string, { value: number; goal: string; pass: boolean | null }>(
      results.goals.map((row: { key: string }) => [row.key, row]),
    );
    const judged = {
      signIns: "≥ 1.0",
      cpuPerSignIn: "≤ 1.2",
      "step:step2": "≤ 1.5",
      everyStep: "≤ 1.5",
      "step:credentials": "≤ 1.5",
      step2P99: "≤ 50 ms in every run",
      "firstLoadJs:/login": "≤ +8",
      "firstLoadJs:/login/verify": "≤ +8",
      "firstLoadJs:/customer/account": "≤ +8",
      rss: "≤ 1.3",
    };
    for (const [key, goal] of Object.entries(judged)) {
      expect(rows.get(key), key).toMatchObject({ goal });
      expect(rows.get(key)!.value, key).toBeGreaterThan(key.startsWith("firstLoadJs") ? -100 : 0);
      expect(typeof rows.get(key)!.pass, key).toBe("boolean");
    }
    expect(rows.get("perCore")).toMatchObject({ pass: null });
    expect(rows.get("perCore")!.goal).toContain("Keycloak's 15/s per vCPU");
    expect(rows.get("perCore")!.value).toBeGreaterThan(0);
    expect(rows.get("ceilingShare")).toMatchObject({ pass: null });
    expect(rows.get("errors")).toMatchObject({ value: 0, pass: true });
    // No Lighthouse in --tiny: one row says so, unjudged.
    expect(rows.get("lighthouse")).toMatchObject({ pass: null });
    // The summary: the same rows, judged, in the table printed at the end.
    const summary = written.engines.sqlite.summary.map((row: { key: string }) => row.key);
    expect(summary).toEqual([...rows.keys()]);
    expect(written.summaryTable).toMatch(/^\| figure +\| target +\| SQLite median +\|/);
    expect(result.stdout).toContain(written.summaryTable);
    expect(written.summaryTable).toMatch(/complete two-step sign-ins\/s, app ÷ floor .*[✔✘]/);
  }, 420_000);

  it("bench/soak.ts --tiny finds no lost enrolment, replayed step or server error", async () => {
    const result = await runBenchScript(["bench/soak.ts", "--tiny"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("errors = 0");
    expect(result.stdout).toMatch(/[1-9]\d* enrolments/);
    expect(result.stdout).toMatch(/[1-9]\d* verified sign-ins/);
  }, 160_000);
});
