// The runs of one engine taken together: each figure's median and spread (min–max) over the runs,
// judged on the median, except a target that must hold in every run (step-2 p99, errors), judged
// run by run. And the table of both engines, in the shape of bench/README.md's targets.
import { formatValue, meets, type Limit, type Unit } from "./figure-format";
import type { GoalRow } from "./goals";
import type { Engine } from "./soak-database";

export type SummaryRow = {
  key: string;
  metric: string;
  goal: string;
  limit: Limit | null;
  unit: Unit;
  /** This figure in each run, in order (NaN where a run did not measure it). */
  values: number[];
  median: number;
  min: number;
  max: number;
  /** Runs that met the limit, of `values.length`. */
  passedRuns: number;
  pass: boolean | null;
};

export function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One row per figure, in the order of the first run that has it. */
export function summarise(runs: GoalRow[][]): SummaryRow[] {
  const first = new Map<string, GoalRow>();
  for (const rows of runs) for (const row of rows) if (!first.has(row.key)) first.set(row.key, row);
  return [...first.values()].map(({ key, metric, goal, limit, unit }) => {
    const values = runs.map((rows) => rows.find((r) => r.key === key)?.value ?? NaN);
    const measured = values.filter((v) => !Number.isNaN(v));
    const mid = median(values);
    const passedRuns = values.filter((v) => meets(limit, v) === true).length;
    const pass = !limit ? null : limit.everyRun ? passedRuns === values.length : meets(limit, mid);
    return {
      key,
      metric,
      goal,
      limit,
      unit,
      values,
      median: mid,
      min: measured.length ? Math.min(...measured) : NaN,
      max: measured.length ? Math.max(...measured) : NaN,
      passedRuns,
      pass,
    };
  });
}

export const mark = (pass: boolean | null) => (pass === null ? "" : pass ? "✔" : "✘");

/** "1.02× (0.95×–1.10×) ✔", and for a target of every run "…, 2 of 3 ✘". */
export function summaryCell(row: SummaryRow | undefined): string {
  if (!row) return "";
  const value = formatValue(row.median, row.unit);
  const spread =
    row.values.length > 1 && !Number.isNaN(row.min)
      ? ` (${formatValue(row.min, row.unit)}${row.unit === "+" ? " to " : "–"}${formatValue(row.max, row.unit)})`
      : "";
  const runs =
    row.limit?.everyRun && row.values.length > 1
      ? `, ${row.passedRuns} of ${row.values.length}`
      : "";
  return `${value}${spread}${runs} ${mark(row.pass)}`.trimEnd();
}

const ENGINE_NAMES: Record<Engine, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };

/**
 * The summary as a Markdown table: figure | target | <engine> median (spread) | …, one column per
 * engine run, to paste into bench/README.md.
 */
export function summaryTable(engines: { engine: Engine; rows: SummaryRow[] }[]): string {
  const keys = new Map<string, SummaryRow>();
  for (const { rows } of engines)
    for (const row of rows) if (!keys.has(row.key)) keys.set(row.key, row);
  const header = [
    "figure",
    "target",
    ...engines.map(
      ({ engine, rows }) =>
        `${ENGINE_NAMES[engine]} median${(rows[0]?.values.length ?? 0) > 1 ? " (spread)" : ""}`,
    ),
  ];
  const body = [...keys.values()].map((first) => [
    first.metric,
    first.goal,
    ...engines.map(({ rows }) => summaryCell(rows.find((r) => r.key === first.key))),
  ]);
  const widths = header.map((_, i) =>
    Math.max(3, ...[header, ...body].map((row) => row[i]!.length)),
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  return [
    line(header),
    `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`,
    ...body.map(line),
  ].join("\n");
}
