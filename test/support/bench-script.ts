// Runs a script of the repository with tsx, as `npm run bench` and `npm run soak` do, serving the
// build the other suites use (NEXT_DIST_DIR, default .next); resolves whatever the exit code.
import { execFile } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

export function runBenchScript(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      args,
      {
        cwd: root,
        env: { ...process.env, BENCH_DIST_DIR: process.env.NEXT_DIST_DIR || ".next" },
        timeout: 400_000,
        maxBuffer: 10 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
