// Keeps the 100,000-account benchmark (bench/accounts.ts) from rotting: SQLite only, 20 and 200
// accounts, one request each — that it runs and reads the indexes, not what it finds. A file of
// its own, so that it runs beside the other benchmarks' smoke tests rather than after them.
import { describe, expect, it } from "vitest";
import { runBenchScript } from "../support/bench-script";

describe("the accounts benchmark (tiny mode)", () => {
  it("bench/accounts.ts measures the admin's pages over a small and a larger set of accounts", async () => {
    // SQLite only, 20 and 200 accounts, one request each: that it runs, not what it finds.
    const result = await runBenchScript([
      "bench/accounts.ts",
      ...["--accounts", "200", "--small", "20", "--requests", "1", "--files", "2"],
      ...["--engines", "sqlite"],
    ]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    for (const route of ["/backend/users page 1", "/backend/users search", "last page"]) {
      expect(result.stdout).toMatch(new RegExp(`${route}.*×\\d+\\.\\d\\d [✔✘]`));
    }
    expect(result.stdout).toMatch(/\/backend\/security\/accounts\.csv/);
    // The server's memory around the files: before, after each, after a full collection.
    expect(result.stdout).toMatch(/heap used after each file \(MiB\): +[\d.]+, [\d.]+\n/);
    expect(result.stdout).toMatch(/after the last file, collected: +heap [\d.]+ of [\d.]+/);
    expect(result.stdout).toContain(
      "USING COVERING INDEX User_email_role_totpEnabledAt_passkeyCount_id_idx",
    );
  }, 300_000);
});
