// `npm run bench`: complete two-step sign-ins over real HTTP, replayed as a browser makes them
// (bench/flow.json), against a throwaway instance of the app and against the floor (bench/floor/,
// the same flow in a bare Next.js app), each on 127.0.0.1 in turn; `--runs` runs in a row on each
// `--engine` (SQLite, PostgreSQL or both), then each figure's median and spread against its
// target. See bench/README.md; the options are in bench/lib/options.ts (benchOptions).
import os from "node:os";
import { benchRun, type BenchInstance } from "./lib/bench-run";
import { buildFloorIfNeeded } from "./lib/floor";
import { accountSource } from "./lib/load";
import { log } from "./lib/log";
import { benchOptions } from "./lib/options";
import { replayPlan } from "./lib/replay";
import { printTable, writeResults } from "./lib/report";
import type { BenchResults } from "./lib/results";
import { prepareInstance, removeDataDir } from "./lib/server";
import { runPostgres, type Engine } from "./lib/soak-database";
import { summarise, summaryTable, type SummaryRow } from "./lib/summary";

const options = benchOptions();
if (options.workers) process.env.APPMAIL_WORKERS = options.workers;
/** Accounts the pages sign in with, in every run; the load never takes them. */
const RESERVED = 3;

type EngineResults = { runs: BenchResults[]; summary: SummaryRow[] };

/** Every run on one engine: one instance (PostgreSQL's on a throwaway server), seeded once. */
async function benchEngine(engine: Engine): Promise<EngineResults> {
  const postgres = engine === "postgresql" ? await runPostgres("bench") : undefined;
  try {
    const prepared = await prepareInstance(
      `${engine}: `,
      options.accounts * options.runs + RESERVED,
      1,
      postgres,
    );
    try {
      const { seeded, env } = prepared;
      log(`${engine}: seeded ${seeded.accounts.length} accounts with 2FA`);
      const instance: BenchInstance = {
        ...prepared,
        engine,
        floorBuilt: buildFloorIfNeeded(env),
        plan: replayPlan(),
        source: accountSource(seeded.accounts.slice(RESERVED)),
        reserved: seeded.accounts.slice(0, RESERVED),
        databasePid: postgres?.serverPid,
      };
      const runs: BenchResults[] = [];
      for (let run = 1; run <= options.runs; run++) {
        const results = await benchRun(instance, run, options);
        printTable(results);
        runs.push(results);
      }
      return { runs, summary: summarise(runs.map((r) => r.goals)) };
    } finally {
      removeDataDir(prepared.dataDir);
    }
  } finally {
    postgres?.stop();
  }
}

async function main() {
  const engines: Partial<Record<Engine, EngineResults>> = {};
  for (const engine of options.engines) engines[engine] = await benchEngine(engine);
  const table = summaryTable(
    options.engines.map((engine) => ({ engine, rows: engines[engine]!.summary })),
  );
  const loads = options.engines.flatMap((engine) =>
    engines[engine]!.runs.map((r) => r.machine.loadAverage.toFixed(1)),
  );
  await writeResults(options.out, {
    version: 3,
    date: new Date().toISOString(),
    machine: { cpus: os.availableParallelism(), cpuModel: os.cpus()[0]?.model ?? "unknown" },
    runs: options.runs,
    engines,
    summaryTable: table,
  });
  console.log(
    `\nSummary: ${options.runs} run${options.runs === 1 ? "" : "s"} on each engine, the median ` +
      `and the spread (min–max); each target judged on the median, step-2 p99 and errors in ` +
      `every run. Load average (1 min) at each run's end: ${loads.join(", ")}.\n`,
  );
  console.log(table);
  let exitCode = 0;
  for (const { runs, summary } of Object.values(engines)) {
    for (const r of runs) {
      if (r.signIns.errors > 0 || r.signIns.completed === 0) exitCode = 1;
      if (r.floor.errors + (r.floor.openLoop?.errors ?? 0) > 0) exitCode = 1;
    }
    if (options.strict && summary.some((row) => row.pass === false)) exitCode = 1;
  }
  process.exit(exitCode);
}

await main();
