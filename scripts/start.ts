// `npm start`: prepare, build when the sources are newer than the last build, then serve.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { prepare } from "./prepare";

const root = path.resolve(import.meta.dirname, "..");
const SOURCES = ["app", "components", "lib", "proxy.ts", "next.config.mjs", "package.json"];

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

function buildIfNeeded() {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (built >= Math.max(...SOURCES.map(newestSource))) return;
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
}

prepare();
buildIfNeeded();
await import("../server");
