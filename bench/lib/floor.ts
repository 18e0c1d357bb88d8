// The floor (bench/floor/): a bare Next.js app with the sign-in's shape and nothing in it, built
// with the repository's own `next` into .next-bench-floor and measured beside the app.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { log } from "./log";
import type { Target } from "./replay";
import { root } from "./server";

export const FLOOR_DIR = path.join(root, "bench", "floor");
const DIST_NAME = ".next-bench-floor";
export const FLOOR_DIST = path.join(root, DIST_NAME);

function newest(full: string): number {
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(full).map((name) => newest(path.join(full, name))));
}

/**
 * Builds the floor unless its last build started after every floor source, the app's password
 * module (the floor verifies with it) and the installed Next.js. Returns whether it built.
 */
export function buildFloorIfNeeded(env: NodeJS.ProcessEnv): boolean {
  const stampFile = path.join(FLOOR_DIST, "floor-build-started");
  const built = existsSync(stampFile) ? Number(readFileSync(stampFile, "utf8")) : 0;
  const sources = Math.max(
    ...["app", "next.config.mjs", "proxy.ts"].map((name) => newest(path.join(FLOOR_DIR, name))),
    newest(path.join(root, "lib", "auth", "password.ts")),
    newest(path.join(root, "node_modules", "next", "package.json")),
  );
  if (built >= sources) return false;
  log(`building the floor into ${DIST_NAME} (next build bench/floor)…`);
  const startedAt = Date.now();
  execFileSync(path.join(root, "node_modules", ".bin", "next"), ["build", FLOOR_DIR], {
    cwd: root,
    stdio: ["ignore", process.env.BENCH_VERBOSE ? "inherit" : "ignore", "inherit"],
    env: { ...env, FLOOR_DIST_DIR: path.relative(FLOOR_DIR, FLOOR_DIST), NODE_ENV: "production" },
  });
  writeFileSync(stampFile, String(startedAt));
  return true;
}

/** The floor's step-2 action id, from its build's manifest. */
function floorActionId(): string {
  const manifest = JSON.parse(
    readFileSync(path.join(FLOOR_DIST, "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { filename: string; exportedName: string }> };
  const entry = Object.entries(manifest.node).find(
    ([, value]) => value.exportedName === "verifyCodeAction",
  );
  if (!entry) throw new Error("the floor's verifyCodeAction is not in its manifest");
  return entry[0];
}

/** The floor served at `baseUrl`, as the replay addresses it. */
export function floorTarget(baseUrl: string): Target {
  return {
    name: "floor",
    baseUrl,
    verifyActionId: floorActionId(),
    sessionCookie: "floor-session",
    displayName: (account) => account.email,
  };
}

/** The floor server's environment: its build folder, workers, and the hash it verifies against. */
export function floorEnvironment(
  env: NodeJS.ProcessEnv,
  port: number,
  workers: number,
  passwordHash: string,
): NodeJS.ProcessEnv {
  return {
    ...env,
    PORT: String(port),
    FLOOR_DIST_DIR: path.relative(FLOOR_DIR, FLOOR_DIST),
    FLOOR_WORKERS: String(workers),
    FLOOR_PASSWORD_HASH: passwordHash,
  };
}
