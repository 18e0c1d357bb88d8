// `npm start`: prepare, build when the sources are newer than the last build, then serve.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prepare } from "./prepare";

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

// When the last good build started: a source saved during a build is newer than this, so the
// next start builds again.
const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");
const stampFile = path.join(distDir, "appmail-build-started");

function buildIfNeeded() {
  const built =
    existsSync(stampFile) && existsSync(path.join(distDir, "BUILD_ID"))
      ? Number(readFileSync(stampFile, "utf8"))
      : 0;
  if (built >= Math.max(...SOURCES.map(newestSource))) return;
  const startedAt = Date.now();
  console.log("appmail: building the app (next build)…");
  try {
    execFileSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
  } catch {
    console.error("appmail: the build failed (see above).");
    process.exit(1);
  }
  writeFileSync(stampFile, String(startedAt));
}

prepare();
buildIfNeeded();
await import("../server");
