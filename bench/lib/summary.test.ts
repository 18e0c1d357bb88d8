// The runs of an engine taken together (bench/lib/summary.ts) and the options that ask for them.
import { describe, expect, it } from "vitest";
import { meets, type Limit, type Unit } from "./figure-format";
import type { GoalRow } from "./goals";
import { benchOptions } from "./options";
import { summarise, summaryCell, summaryTable } from "./summary";

const row = (key: string, value: number, limit: Limit | null, unit: Unit = "×"): GoalRow => ({
  key,
  metric: key,
  goal: limit ? `${limit.op} ${limit.bound}` : "",
  limit,
  value,
  unit,
  detail: "",
  pass: meets(limit, value),
});

const ratio: Limit = { op: "≥", bound: 1 };
const p99: Limit = { op: "≤", bound: 50, everyRun: true };
const runs = (key: string, values: number[], limit: Limit | null, unit?: Unit) =>
  values.map((value) => [row(key, value, limit, unit)]);

describe("three runs of one engine", () => {
  it("judges a target on the median and shows the spread", () => {
    const [summary] = summarise(runs("signIns", [0.9, 1.2, 1.1], ratio));
    expect(summary).toMatchObject({ median: 1.1, min: 0.9, max: 1.2, pass: true, passedRuns: 2 });
    expect(summaryCell(summary)).toBe("1.10× (0.90×–1.20×) ✔");
    const [miss] = summarise(runs("signIns", [0.9, 1.2, 0.95], ratio));
    expect(miss!.pass).toBe(false);
  });

  it("holds step-2 p99 to every run: one slow run of three misses though the median meets it", () => {
    const [summary] = summarise(runs("step2P99", [40, 45, 61.5], p99, "ms"));
    expect(summary).toMatchObject({ median: 45, passedRuns: 2, pass: false });
    expect(summaryCell(summary)).toBe("45.0 ms (40.0 ms–61.5 ms), 2 of 3 ✘");
    expect(summarise(runs("step2P99", [40, 45, 50], p99, "ms"))[0]!.pass).toBe(true);
  });

  it("shows a figure without a target unjudged, and a missing measurement as a miss", () => {
    expect(summaryCell(summarise(runs("perCore", [8, 9, 10], null, "/s"))[0])).toBe(
      "9.0/s (8.0/s–10.0/s)",
    );
    const lighthouse: Limit = { op: "≥", bound: -3 };
    expect(summaryCell(summarise(runs("perf", [-4, 13, -1], lighthouse, "+"))[0])).toBe(
      "−1 (−4 to +13) ✔",
    );
    const [lost] = summarise([[row("rss", 1.2, { op: "≤", bound: 1.3 })], []]);
    expect(lost).toMatchObject({ median: 1.2, passedRuns: 1 });
    expect(summarise(runs("rss", [NaN], { op: "≤", bound: 1.3 }))[0]!.pass).toBe(false);
  });
});

describe("the summary table", () => {
  it("has a column per engine, each figure's median and spread beside its target", () => {
    const sqlite = summarise([
      [row("signIns", 0.8, ratio), row("step2P99", 40, p99, "ms")],
      [row("signIns", 0.7, ratio), row("step2P99", 44, p99, "ms")],
      [row("signIns", 0.9, ratio), row("step2P99", 48, p99, "ms")],
    ]);
    const postgresql = summarise([[row("signIns", 1.1, ratio)], [row("signIns", 1.0, ratio)]]);
    const lines = summaryTable([
      { engine: "sqlite", rows: sqlite },
      { engine: "postgresql", rows: postgresql },
    ]).split("\n");
    expect(lines[0]).toMatch(
      /^\| figure +\| target +\| SQLite median \(spread\) +\| PostgreSQL median \(spread\) +\|$/,
    );
    expect(lines[1]).toMatch(/^\| -+ \| -+ \| -+ \| -+ \|$/);
    expect(lines[2]).toMatch(
      /^\| signIns +\| ≥ 1 +\| 0\.80× \(0\.70×–0\.90×\) ✘ +\| 1\.05× \(1\.00×–1\.10×\) ✔ +\|$/,
    );
    expect(lines[3]).toMatch(
      /^\| step2P99 +\| ≤ 50 +\| 44\.0 ms \(40\.0 ms–48\.0 ms\), 3 of 3 ✔ +\| +\|$/,
    );
  });
});

describe("bench options", () => {
  it("runs three times on SQLite by default, once in --tiny, on both engines with --engine both", () => {
    expect(benchOptions([])).toMatchObject({ runs: 3, engines: ["sqlite"] });
    expect(benchOptions(["--tiny"])).toMatchObject({ runs: 1, lighthouse: false });
    expect(benchOptions(["--engine", "both", "--runs", "2"])).toMatchObject({
      runs: 2,
      engines: ["sqlite", "postgresql"],
    });
    expect(benchOptions(["--engine", "postgresql"]).engines).toEqual(["postgresql"]);
    expect(() => benchOptions(["--engine", "mysql"])).toThrow("bad --engine: mysql");
    expect(() => benchOptions(["--runs", "0"])).toThrow("bad --runs");
  });
});
