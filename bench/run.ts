// `npm run bench`: throughput and latency of complete two-step sign-ins over real HTTP, against
// a throwaway instance on 127.0.0.1 with its own freshly seeded database. See bench/README.md;
// the options are in bench/lib/options.ts (benchOptions).
import { readdirSync } from "node:fs";
import path from "node:path";
import { accountSource, breakdown, runLoad } from "./lib/load";
import { log } from "./lib/log";
import { measureCeiling } from "./lib/measure";
import { benchOptions } from "./lib/options";
import { measurePages } from "./lib/pages";
import { printTable, writeResults } from "./lib/report";
import { benchResults } from "./lib/results";
import { readActionIds } from "./lib/server-actions";
import { cpuSeconds, peakRssMiB, serverPids } from "./lib/server-usage";
import { prepareInstance, removeDataDir, startServer } from "./lib/server";
import { summariseProfile } from "./profile";

const options = benchOptions();
if (options.workers) process.env.APPMAIL_WORKERS = options.workers;

async function main() {
  const { env, port, dataDir, built, seeded } = await prepareInstance("", options.accounts, 1);
  const profileDir = path.join(dataDir, "cpu-profile");
  log(`seeded ${seeded.accounts.length} accounts with 2FA`);

  log("measuring the argon2id ceiling (idle machine, one worker per core)…");
  const ceiling = await measureCeiling(seeded.passwordHash, seeded.password, options.tiny ? 1 : 4);

  const server = await startServer(
    env,
    port,
    options.profile ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [],
  );
  const actions = readActionIds();
  const { baseUrl, pid } = server;
  const { password } = seeded;
  // Accounts reserved for the page measurements; the rest are used once each by the load.
  const reserved = seeded.accounts.slice(0, 3);
  const source = accountSource(seeded.accounts.slice(3));
  const signIns = { baseUrl, actions, take: source.take, password };
  let exitCode = 0;
  try {
    log(`warm-up ${options.warmupSeconds} s…`);
    const warmupClients = Math.min(options.concurrency, 8);
    const warm = await runLoad(signIns, options.warmupSeconds, warmupClients);
    if (warm.errors.length > 0) log(`warm-up errors: ${JSON.stringify(warm.errors.slice(0, 3))}`);

    log("breakdown: sign-ins one at a time…");
    const unloaded = await breakdown(signIns, options.tiny ? 5 : 60, pid);

    log(`measuring ${options.durationSeconds} s with ${options.concurrency} concurrent clients…`);
    const before = cpuSeconds(pid);
    const clientBefore = process.cpuUsage();
    const load = await runLoad(signIns, options.durationSeconds, options.concurrency);
    const cpu = { before, after: cpuSeconds(pid), client: process.cpuUsage(clientBefore) };

    const pages = await measurePages(baseUrl, actions, reserved, password, options.lighthouse);
    const peak = peakRssMiB(pid);
    const serverProcesses = serverPids(pid).length;
    await server.stop();

    const results = benchResults({
      options,
      built,
      ceiling,
      load,
      accountsUsed: source.used(),
      unloaded,
      cpu,
      serverProcesses,
      peakRssMiB: peak,
      pages,
      profile: options.profile ? cpuProfileSummary(profileDir) : undefined,
    });
    await writeResults(options.out, results);
    printTable(results);
    if (load.errors.length > 0 || load.completed === 0) exitCode = 1;
    if (options.strict && results.goals.some((g) => g.pass === false)) exitCode = 1;
  } finally {
    await server.stop();
    removeDataDir(dataDir);
  }
  process.exit(exitCode);
}

/** Where the server's main thread went, from the profile `--profile` had it write. */
function cpuProfileSummary(profileDir: string) {
  const files = readdirSync(profileDir).filter((name) => name.endsWith(".cpuprofile"));
  return files[0] ? summariseProfile(path.join(profileDir, files[0])) : undefined;
}

await main();
