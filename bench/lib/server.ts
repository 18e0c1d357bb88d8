// The throwaway instance the benchmark and the soak test run against: a fresh data folder and
// an embedded database on 127.0.0.1, migrated and seeded, the build in its own folder, and
// server.ts started in a process of its own.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { buildIfNeeded } from "../../scripts/build";
import { log } from "./log";

export const root = path.resolve(import.meta.dirname, "..", "..");
/** BENCH_READABLE=1: a build of its own whose server code is not minified, for profiles. */
const readable = process.env.BENCH_READABLE === "1";
export const DIST_DIR = readable
  ? ".next-bench-readable"
  : process.env.BENCH_DIST_DIR || ".next-bench";
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

export type BenchEnv = NodeJS.ProcessEnv;

/** A fresh data folder and the environment of a throwaway instance on 127.0.0.1. */
export function benchEnvironment(port: number): { env: BenchEnv; dataDir: string } {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "appmail-bench-"));
  const env: BenchEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    HOSTNAME: "127.0.0.1",
    APPMAIL_DATA_DIR: dataDir,
    NEXT_DIST_DIR: DIST_DIR,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    ...(readable ? { APPMAIL_SERVER_MINIFY: "0" } : {}),
  };
  // The benchmark always runs on its own embedded database, never on a configured one.
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_SECRET;
  delete env.APPMAIL_ENCRYPTION_KEY;
  delete env.APPMAIL_PREVIOUS_ENCRYPTION_KEYS;
  delete env.APPMAIL_TRUSTED_PROXY_HOPS;
  return { env, dataDir };
}

/** Prepares the database (migrations) the way `npm start` does. */
export function prepareDatabase(env: BenchEnv) {
  execFileSync(bin("tsx"), [path.join(root, "scripts", "prepare.ts")], {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/** Builds into the bench build folder when the sources are newer (the rule of `npm start`). */
export function buildBenchIfNeeded(env: BenchEnv) {
  return buildIfNeeded(DIST_DIR, {
    env,
    quiet: !process.env.BENCH_VERBOSE,
    announce: () => log(`building the app into ${DIST_DIR} (next build)…`),
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type SeededAccount = { id: string; email: string; name: string; secret: string | null };
export type SeedFile = { password: string; passwordHash: string; accounts: SeededAccount[] };

/** Runs bench/seed.ts (the app's own modules) against the data folder. */
export function seed(env: BenchEnv, dataDir: string, accounts: number, enrolled = 1): SeedFile {
  const out = path.join(dataDir, "bench-accounts.json");
  execFileSync(
    bin("tsx"),
    [
      "--conditions",
      "react-server",
      path.join(root, "bench", "seed.ts"),
      "--accounts",
      String(accounts),
      "--enrolled",
      String(enrolled),
      "--out",
      out,
    ],
    { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] },
  );
  return JSON.parse(readFileSync(out, "utf8")) as SeedFile;
}

export type PreparedInstance = {
  env: BenchEnv;
  port: number;
  dataDir: string;
  /** Whether this run had to build (false when the build folder was up to date). */
  built: boolean;
  seeded: SeedFile;
};

/**
 * Everything before the server starts: port (BENCH_PORT or a free one), data folder,
 * migrations, build, and `accounts` seeded accounts of which the fraction `enrolled` has 2FA on.
 */
export async function prepareInstance(
  logPrefix: string,
  accounts: number,
  enrolled: number,
  /** A PostgreSQL database to run on (with the secrets it needs), instead of embedded SQLite. */
  postgres?: { url: string; secrets: Record<string, string> },
): Promise<PreparedInstance> {
  const port = Number(process.env.BENCH_PORT) || (await freePort());
  const { env, dataDir } = benchEnvironment(port);
  if (postgres) Object.assign(env, { DATABASE_URL: postgres.url }, postgres.secrets);
  log(`${logPrefix}data in ${dataDir}, server on 127.0.0.1:${port}`);
  prepareDatabase(env);
  const built = buildBenchIfNeeded(env);
  const seeded = seed(env, dataDir, accounts, enrolled);
  return { env, port, dataDir, built, seeded };
}

export type RunningServer = {
  process: ChildProcess;
  pid: number;
  baseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * Starts server.ts (what scripts/start.ts imports after preparing and building), or `script`
 * (the floor's bench/floor/server.ts), in a node process of its own, so that its pid is the
 * server's and /proc/<pid> describes it.
 */
export async function startServer(
  env: BenchEnv,
  port: number,
  nodeFlags: string[] = [],
  script = "server.ts",
  /** In a process group of its own (the soak's fault mode kills the whole group). */
  detached = false,
): Promise<RunningServer> {
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", script], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached,
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += String(chunk)));
  child.stderr!.on("data", (chunk) => (output += String(chunk)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy in 60 s:\n${output}`);
    }
    await sleep(200);
  }
  return {
    process: child,
    pid: child.pid!,
    baseUrl,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        // Stopped before (killed by a signal, its exitCode stays null): "exit" will not fire again.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** Removes the data folder, unless BENCH_KEEP_DATA asks to keep it for a look. */
export function removeDataDir(dataDir: string) {
  if (!process.env.BENCH_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
}
