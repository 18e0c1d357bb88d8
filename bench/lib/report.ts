// What the benchmark writes: bench/results.json, and the table of its figures against the goals.
import { writeFileSync } from "node:fs";
import type { BenchResults } from "./results";

/** Writes the results as Prettier would, so that `prettier --check .` accepts the file. */
export async function writeResults(file: string, results: BenchResults) {
  const text = JSON.stringify(results, null, 2) + "\n";
  let formatted = text;
  try {
    const prettier = await import("prettier");
    formatted = await prettier.format(text, { parser: "json" });
  } catch {
    // unformatted, still valid JSON
  }
  writeFileSync(file, formatted);
}

export function printTable(results: BenchResults) {
  const rows = results.goals.map((g) => [
    g.metric,
    g.value,
    g.goal,
    g.pass === null ? "" : g.pass ? "ok" : "MISS",
  ]);
  const header = ["metric", "value", "goal", ""];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  console.log(
    `\nAppMail sign-in benchmark: ${results.signIns.completed} complete two-step sign-ins in ` +
      `${results.signIns.elapsedSeconds} s, ${results.parameters.concurrency} concurrent clients, ` +
      `${results.parameters.workers} server process${results.parameters.workers === 1 ? "" : "es"}` +
      (results.signIns.accountsExhausted ? " (accounts exhausted: raise --accounts)" : ""),
  );
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
  const s = results.server;
  console.log(
    `\nserver CPU ${s.cpuMsPerSignIn} ms per sign-in; ${s.cpuUtilisation} cores busy ` +
      `(main thread ${s.mainThreadUtilisation}); load generator ${s.clientCpuUtilisation} cores`,
  );
  console.log(
    "per request p50/p95/p99 ms: " +
      Object.entries(results.stepLatencyMs)
        .map(([name, l]) => `${name} ${l.p50}/${l.p95}/${l.p99}`)
        .join(", "),
  );
  console.log(
    `one client, idle server (${results.unloaded.signIns} sign-ins): server CPU ms (main thread) / p50 latency ms per request: ` +
      Object.entries(results.unloaded.requests)
        .map(([name, r]) => `${name} ${r.serverCpuMs} (${r.mainThreadCpuMs}) / ${r.latencyMs.p50}`)
        .join(", "),
  );
}
