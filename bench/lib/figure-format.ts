// How the benchmark's figures read and are judged: a value with its unit against a limit.

/** How a value reads: a ratio (1.23×), milliseconds, a difference (+5.2), a plain number. */
export type Unit = "×" | "ms" | "+" | "/s" | "%" | "";

/** A target: the value must be ≤ or ≥ `bound`; `everyRun`: in each run, not on the median. */
export type Limit = { op: "≤" | "≥"; bound: number; everyRun?: boolean };

export function meets(limit: Limit | null, value: number): boolean | null {
  if (!limit) return null;
  if (Number.isNaN(value)) return false;
  return limit.op === "≤" ? value <= limit.bound : value >= limit.bound;
}

export function formatValue(value: number, unit: Unit): string {
  if (Number.isNaN(value)) return "–";
  if (!Number.isFinite(value)) return unit === "×" ? "∞×" : "∞";
  if (unit === "×") return `${value.toFixed(2)}×`;
  if (unit === "+")
    return `${value > 0 ? "+" : value < 0 ? "−" : "±"}${Math.abs(Math.round(value * 10) / 10)}`;
  if (unit === "ms") return `${value.toFixed(1)} ms`;
  if (unit === "%") return `${value.toFixed(1)} %`;
  if (unit === "/s") return `${value.toFixed(1)}/s`;
  return String(Math.round(value * 10) / 10);
}

export const limitText = (limit: Limit, unit: Unit) =>
  `${limit.op} ${unit === "×" ? limit.bound.toFixed(1) : unit === "+" ? formatValue(limit.bound, unit) : `${limit.bound}${unit === "ms" ? " ms" : unit}`}` +
  (limit.everyRun ? " in every run" : "");
