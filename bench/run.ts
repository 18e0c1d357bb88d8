// `npm run bench`: complete two-step sign-ins over real HTTP, replayed as a browser makes them
// (bench/flow.json), against a throwaway instance of the app and against the floor (bench/floor/,
// the same flow in a bare Next.js app), each on 127.0.0.1 in turn. See bench/README.md; the
// options are in bench/lib/options.ts (benchOptions).
import os from "node:os";
import { readdirSync } from "node:fs";
import path from "node:path";
import { buildFloorIfNeeded, floorEnvironment, floorTarget } from "./lib/floor";
import { accountSource, breakdowns } from "./lib/load";
import { log } from "./lib/log";
import { measureCeiling } from "./lib/measure";
import { breakdownCount, measureTarget, warmUp } from "./lib/measure-target";
import { benchOptions } from "./lib/options";
import { appTarget, replayPlan } from "./lib/replay";
import { printTable, writeResults } from "./lib/report";
import { benchResults } from "./lib/results";
import { freePort, prepareInstance, removeDataDir, startServer } from "./lib/server";
import { summariseProfile } from "./profile";

const options = benchOptions();
if (options.workers) process.env.APPMAIL_WORKERS = options.workers;
const workersSetting = process.env.APPMAIL_WORKERS ?? "1";
const workers = workersSetting === "auto" ? os.availableParallelism() : Number(workersSetting) || 1;

async function main() {
  const plan = replayPlan();
  const { env, port, dataDir, built, seeded } = await prepareInstance("", options.accounts, 1);
  const floorBuilt = buildFloorIfNeeded(env);
  const profileDir = path.join(dataDir, "cpu-profile");
  log(`seeded ${seeded.accounts.length} accounts with 2FA`);

  log("measuring the argon2id ceiling (idle machine, one worker per core)…");
  const ceiling = await measureCeiling(seeded.passwordHash, seeded.password, options.tiny ? 1 : 4);

  const { password } = seeded;
  // Accounts reserved for the page measurements; the rest are used once each by the load. The
  // floor keeps no accounts: it may sign the same ones in again.
  const reserved = seeded.accounts.slice(0, 3);
  const source = accountSource(seeded.accounts.slice(3));
  const profile = options.profile ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
  let exitCode = 0;
  const server = await startServer(env, port, profile);
  const floorPort = await freePort();
  const floorEnv = floorEnvironment(env, floorPort, workers, seeded.passwordHash);
  let floorServer: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    floorServer = await startServer(floorEnv, floorPort, [], "bench/floor/server.ts");
    const appSetup = { target: appTarget(server.baseUrl), plan, take: source.take, password };
    const floorSource = accountSource(seeded.accounts.slice(3));
    const floorSetup = {
      target: floorTarget(floorServer.baseUrl),
      plan,
      take: floorSource.take,
      password,
    };

    // Both servers up, the per-step breakdown in turns (lib/load.ts, breakdowns): the ratios the
    // targets judge come from the same minutes of the machine.
    await warmUp(appSetup, options);
    await warmUp(floorSetup, options);
    log("breakdown: sign-ins one at a time, on the app and the floor in turn…");
    const [appUnloaded, floorUnloaded] = await breakdowns(
      [
        { setup: appSetup, pid: server.pid },
        { setup: floorSetup, pid: floorServer.pid },
      ],
      breakdownCount(options),
    );

    const app = await measureTarget(appSetup, server.pid, reserved, options, {
      openLoop: true,
      lighthouse: options.lighthouse,
      unloaded: appUnloaded,
    });
    await server.stop();

    const floor = await measureTarget(floorSetup, floorServer.pid, reserved, options, {
      // The floor's open loop at the app's rate: the same offered load, for comparison.
      openLoop: true,
      openLoopRate: app.openLoop?.perSecond,
      // Lighthouse too: the same pages of a bare app, beside the app's scores.
      lighthouse: options.lighthouse,
      unloaded: floorUnloaded,
    });
    await floorServer.stop();

    const results = benchResults({
      options,
      built,
      floorBuilt,
      plan,
      ceiling,
      app,
      floor,
      accountsUsed: source.used(),
      profile: options.profile ? cpuProfileSummary(profileDir) : undefined,
    });
    await writeResults(options.out, results);
    printTable(results);
    if (results.signIns.errors > 0 || results.signIns.completed === 0) exitCode = 1;
    if (results.floor.errors + (results.floor.openLoop?.errors ?? 0) > 0) exitCode = 1;
    if (options.strict && results.goals.some((g) => g.pass === false)) exitCode = 1;
  } finally {
    await server.stop();
    await floorServer?.stop();
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
