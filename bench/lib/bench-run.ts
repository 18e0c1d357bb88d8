// One run of the benchmark on a prepared instance (bench/run.ts makes one per engine and runs this
// several times on it): the argon2id ceiling, the app and the floor started side by side, the
// breakdown in turns, then each one's closed loop, open loop and pages, and the run's results.
import os from "node:os";
import { readdirSync } from "node:fs";
import path from "node:path";
import { summariseProfile } from "../profile";
import { floorEnvironment, floorTarget } from "./floor";
import { accountSource, breakdowns } from "./load";
import { log } from "./log";
import { measureCeiling } from "./measure";
import { breakdownCount, measureTarget, warmUp } from "./measure-target";
import type { benchOptions } from "./options";
import { appTarget, type ReplayPlan } from "./replay";
import { benchResults } from "./results";
import { freePort, startServer, type PreparedInstance, type SeededAccount } from "./server";
import type { Engine } from "./soak-database";

export type BenchInstance = PreparedInstance & {
  engine: Engine;
  floorBuilt: boolean;
  plan: ReplayPlan;
  /** The app's accounts, each used once over all the runs on this instance. */
  source: ReturnType<typeof accountSource>;
  /** Accounts no load uses, for the pages (signed in again in each run). */
  reserved: SeededAccount[];
  /** PostgreSQL's server process, whose CPU under the app's load is shown beside the app's. */
  databasePid?: number;
};

export async function benchRun(
  instance: BenchInstance,
  run: number,
  options: ReturnType<typeof benchOptions>,
) {
  const { env, port, dataDir, seeded, plan, source, reserved } = instance;
  const workersSetting = process.env.APPMAIL_WORKERS ?? "1";
  const workers =
    workersSetting === "auto" ? os.availableParallelism() : Number(workersSetting) || 1;
  log(`${instance.engine}, run ${run}: the argon2id ceiling (one worker per core)…`);
  const ceiling = await measureCeiling(seeded.passwordHash, seeded.password, options.tiny ? 1 : 4);
  const { password } = seeded;
  const usedBefore = source.used();
  const profileDir = path.join(dataDir, `cpu-profile-${instance.engine}-${run}`);
  const profile = options.profile ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
  const server = await startServer(env, port, profile);
  const floorPort = await freePort();
  const floorEnv = floorEnvironment(env, floorPort, workers, seeded.passwordHash);
  let floorServer: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    floorServer = await startServer(floorEnv, floorPort, [], "bench/floor/server.ts");
    const appSetup = { target: appTarget(server.baseUrl), plan, take: source.take, password };
    // The floor keeps no accounts: it may sign the same ones in again.
    const floorSource = accountSource(seeded.accounts.slice(reserved.length));
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
      databasePid: instance.databasePid,
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

    return benchResults({
      options,
      engine: instance.engine,
      run,
      built: instance.built,
      floorBuilt: instance.floorBuilt,
      plan,
      ceiling,
      app,
      floor,
      accountsUsed: source.used() - usedBefore,
      profile: options.profile ? cpuProfileSummary(profileDir) : undefined,
    });
  } finally {
    await server.stop();
    await floorServer?.stop();
  }
}

/** Where the server's main thread went, from the profile `--profile` had it write. */
function cpuProfileSummary(profileDir: string) {
  const files = readdirSync(profileDir).filter((name) => name.endsWith(".cpuprofile"));
  return files[0] ? summariseProfile(path.join(profileDir, files[0])) : undefined;
}
