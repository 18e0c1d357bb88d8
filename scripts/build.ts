// Builds the app when its sources are newer than the last good build: `npm start`, the benchmark
// and the soak test share this rule.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "next.config.mjs",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
];

function newestSource(entry: string): number {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(full)
      .filter((name) => name !== "generated" && !name.endsWith(".test.ts"))
      .map((name) => newestSource(path.join(entry, name))),
  );
}

/**
 * Runs `next build` into `distDir` (relative to the project) unless the last good build there
 * started after every source was saved: a source saved during a build is newer than the build's
 * start, so the next call builds again. Returns whether it built; throws when the build fails.
 */
export function buildIfNeeded(
  distDir: string,
  options: { env?: NodeJS.ProcessEnv; quiet?: boolean; announce?: () => void } = {},
): boolean {
  const folder = path.join(root, distDir);
  const stampFile = path.join(folder, "appmail-build-started");
  const built =
    existsSync(stampFile) && existsSync(path.join(folder, "BUILD_ID"))
      ? Number(readFileSync(stampFile, "utf8"))
      : 0;
  if (built >= Math.max(...SOURCES.map(newestSource))) return false;
  options.announce?.();
  const startedAt = Date.now();
  // `next build` rewrites tsconfig.json when its include list lacks another build folder's
  // types; that rewrite is undone so that building never leaves the checkout modified.
  const tsconfig = path.join(root, "tsconfig.json");
  const before = readFileSync(tsconfig, "utf8");
  const beforeTimes = statSync(tsconfig);
  try {
    execFileSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
      cwd: root,
      stdio: ["ignore", options.quiet ? "ignore" : "inherit", "inherit"],
      env: {
        ...(options.env ?? process.env),
        NEXT_DIST_DIR: distDir,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    });
  } finally {
    // Its modification time too: a restored file newer than the build would force the next one.
    if (readFileSync(tsconfig, "utf8") !== before) {
      writeFileSync(tsconfig, before);
      utimesSync(tsconfig, beforeTimes.atime, beforeTimes.mtime);
    }
  }
  writeFileSync(stampFile, String(startedAt));
  return true;
}

// `tsx scripts/build.ts`: `npm test` builds once, before the suites that serve the build.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  console.log(buildIfNeeded(distDir) ? `Built into ${distDir}.` : `${distDir} is up to date.`);
}
