// Keeps the benchmark and the soak test from rotting: both run in their tiny modes (a few
// seconds of load each, plus a build into .next-bench when the sources changed).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const scratch = mkdtempSync(path.join(os.tmpdir(), "appmail-bench-smoke-"));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      args,
      { cwd: root, timeout: 150_000, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("benchmark and soak (tiny modes)", () => {
  it("bench/run.ts --tiny completes sign-ins without errors and writes its results", async () => {
    const out = path.join(scratch, "results.json");
    // Two server processes (APPMAIL_WORKERS=2): sign-ins spread over both share every guard.
    const result = await run(["bench/run.ts", "--tiny", "--workers", "2", "--out", out]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("sign-ins/s");
    const results = JSON.parse(readFileSync(out, "utf8"));
    for (const key of [
      "ceiling",
      "signIns",
      "step2LatencyMs",
      "stepLatencyMs",
      "unloaded",
      "server",
      "firstLoadJsKb",
      "lighthouse",
      "goals",
    ]) {
      expect(results, key).toHaveProperty(key);
    }
    expect(results.ceiling.verifiesPerSecond).toBeGreaterThan(0);
    expect(results.signIns.completed).toBeGreaterThan(0);
    expect(results.signIns.errors).toBe(0);
    expect(results.step2LatencyMs.p99).toBeGreaterThan(0);
    expect(results.server.peakRssMiB).toBeGreaterThan(0);
    expect(results.parameters.workers).toBe(2);
    expect(results.server.processes, "the primary and its two workers").toBe(3);
    for (const page of ["/login", "/login/verify", "/customer/account"]) {
      expect(results.firstLoadJsKb[page].kb).toBeGreaterThan(0);
    }
    expect(results.lighthouse.status).toBe("skipped");
  }, 160_000);

  it("bench/soak.ts --tiny finds no lost enrolment, replayed step or server error", async () => {
    const result = await run(["bench/soak.ts", "--tiny"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("errors = 0");
    expect(result.stdout).toMatch(/[1-9]\d* enrolments/);
    expect(result.stdout).toMatch(/[1-9]\d* verified sign-ins/);
  }, 160_000);
});
