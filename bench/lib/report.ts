// What the benchmark writes: bench/results.json, and the table of its figures against the goals.
import { writeFileSync } from "node:fs";
import { formatValue } from "./figure-format";
import type { BenchResults } from "./results";
import { mark } from "./summary";

/** Writes the results as Prettier would, so that `prettier --check .` accepts the file. */
export async function writeResults(file: string, results: unknown) {
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
    formatValue(g.value, g.unit),
    g.detail,
    g.goal,
    mark(g.pass),
  ]);
  const header = ["figure", "value", "from", "target", ""];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const { signIns, floor, parameters } = results;
  console.log(
    `\nAppMail sign-in benchmark, ${results.engine}, run ${results.run} ` +
      `(load average ${results.machine.loadAverage.toFixed(1)}): ${signIns.completed} complete two-step sign-ins in ` +
      `${signIns.elapsedSeconds} s (${signIns.perSecond}/s; the floor ${floor.perSecond}/s), ` +
      `${parameters.concurrency} concurrent clients, ` +
      `${parameters.workers} server process${parameters.workers === 1 ? "" : "es"}` +
      (signIns.accountsExhausted ? " (accounts exhausted: raise --accounts)" : ""),
  );
  console.log(`flow (bench/flow.json): ${parameters.flow.join(", ")}`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
  const s = results.server;
  const f = floor.server;
  console.log(
    `\nunder load, server CPU per sign-in app ${s.cpuMsPerSignIn} ms, floor ${f.cpuMsPerSignIn} ms; ` +
      `app ${s.cpuUtilisation} cores busy (main thread ${s.mainThreadUtilisation}); ` +
      `load generator ${s.clientCpuUtilisation} cores`,
  );
  console.log(
    `closed loop (saturated) per request p50/p95/p99 ms: ` +
      Object.entries(results.stepLatencyMs)
        .map(([name, l]) => `${name} ${l.p50}/${l.p95}/${l.p99}`)
        .join(", "),
  );
  const open = results.openLoop;
  if (open) {
    console.log(
      `open loop at ${open.perSecond}/s (${open.completed}/${open.arrivals} sign-ins): step 2 ` +
        `p50/p99 ${open.step2LatencyMs.p50}/${open.step2LatencyMs.p99} ms, whole sign-in from ` +
        `its arrival ${open.signInLatencyMs.p50}/${open.signInLatencyMs.p99} ms` +
        (floor.openLoop
          ? `; the floor at the same rate: step 2 ${floor.openLoop.step2LatencyMs.p50}/` +
            `${floor.openLoop.step2LatencyMs.p99} ms`
          : ""),
    );
  }
  console.log(
    `one client, idle server (${results.unloaded.signIns} sign-ins): server CPU ms (main thread) ` +
      `/ p50 latency ms, app | floor: ` +
      Object.entries(results.unloaded.requests)
        .map(([name, r]) => {
          const fl = floor.unloaded.requests[name];
          return `${name} ${r.serverCpuMs} (${r.mainThreadCpuMs}) / ${r.latencyMs.p50} | ${fl?.serverCpuMs} / ${fl?.latencyMs.p50}`;
        })
        .join(", "),
  );
}
