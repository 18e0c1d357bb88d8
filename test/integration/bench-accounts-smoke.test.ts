// Keeps the 100,000-account benchmark (bench/accounts.ts) from rotting: SQLite only, 20 and 200
// accounts, one request each — that it runs and reads the indexes, not what it finds. A file of
// its own, so that it runs beside the other benchmarks' smoke tests rather than after them.
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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

describe("the accounts benchmark (tiny mode)", () => {
  it("bench/accounts.ts measures the admin's pages over a small and a larger set of accounts", async () => {
    // SQLite only, 20 and 200 accounts, one request each: that it runs, not what it finds.
    const result = await run([
      "bench/accounts.ts",
      ...["--accounts", "200", "--small", "20", "--requests", "1", "--engines", "sqlite"],
    ]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    for (const route of ["/backend/users page 1", "/backend/users search", "last page"]) {
      expect(result.stdout).toMatch(new RegExp(`${route}.*×\\d+\\.\\d\\d [✔✘]`));
    }
    expect(result.stdout).toMatch(/\/backend\/security\/accounts\.csv/);
    expect(result.stdout).toContain("USING COVERING INDEX User_email_role_totpEnabledAt_id_idx");
  }, 300_000);
});
