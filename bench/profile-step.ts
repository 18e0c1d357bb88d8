// `npx tsx bench/profile-step.ts [--step step2] [--count 40] [--floor]`: where the app's main thread
// (with --floor the floor's, bench/floor/) spends one step of the sign-in; the two side by side show
// where the app's extra time goes. Starts the server (bench build, embedded database) under
// --cpu-prof, signs `count` accounts in one at a time after a warm-up, and summarises only the
// profile's samples taken while a request of that step was in flight (V8's sample times and the
// client's process.hrtime are both the monotonic clock). Prisma compiles each ORM query on the main
// thread (its query compiler is WebAssembly), so that shows here; argon2 runs on other threads: its
// cost shows in the bench's total CPU, not here.
import { readdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Client } from "./lib/http-client";
import { accountSource, runLoad } from "./lib/load";
import { log } from "./lib/log";
import { buildFloorIfNeeded, floorEnvironment, floorTarget } from "./lib/floor";
import { appTarget, replayPlan, replaySignIn, type Target } from "./lib/replay";
import { freePort, prepareInstance, removeDataDir, startServer } from "./lib/server";
import { summariseProfile } from "./profile";

const { values } = parseArgs({
  options: {
    step: { type: "string", default: "step2" },
    count: { type: "string", default: "40" },
    floor: { type: "boolean", default: false },
  },
});
const step = values.step!;
const count = Number(values.count);

async function main() {
  const plan = replayPlan();
  const { env, port, dataDir, seeded } = await prepareInstance("", count + 100, 1);
  const profileDir = path.join(dataDir, "cpu-profile");
  const profile = ["--cpu-prof", "--cpu-prof-dir", profileDir];
  let server;
  let target: Target;
  if (values.floor) {
    buildFloorIfNeeded(env);
    const floorPort = await freePort();
    const floorEnv = floorEnvironment(env, floorPort, 1, seeded.passwordHash);
    server = await startServer(floorEnv, floorPort, profile, "bench/floor/server.ts");
    target = floorTarget(server.baseUrl);
  } else {
    server = await startServer(env, port, profile);
    target = appTarget(server.baseUrl);
  }
  const windows: [number, number][] = [];
  try {
    const source = accountSource(seeded.accounts);
    const setup = { target, plan, take: source.take, password: seeded.password };
    await runLoad(setup, 2, 2);
    let open: number | null = null;
    const micros = () => Number(process.hrtime.bigint() / 1000n);
    const close = () => {
      if (open !== null) windows.push([open, micros()]);
      open = null;
    };
    Client.onStart = (_method, _pathname, started) => {
      close();
      if (started === step) open = micros();
    };
    for (let i = 0; i < count; i++) {
      const account = source.take();
      if (!account) break;
      await replaySignIn(target, plan, account, seeded.password, {});
      await new Promise((resolve) => setTimeout(resolve, 20));
      close();
    }
    Client.onStart = undefined;
  } finally {
    await server.stop();
  }
  const files = readdirSync(profileDir).filter((name) => name.endsWith(".cpuprofile"));
  const summary = summariseProfile(path.join(profileDir, files[0]!), 40, windows);
  log(`${target.name} ${step}: ${windows.length} requests`);
  console.log(JSON.stringify(summary, null, 2));
  removeDataDir(dataDir);
}

void main();
