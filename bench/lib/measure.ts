// The figures the benchmark computes: latency percentiles, and the ceiling it compares with
// (bare argon2id verifications per second, one worker thread per core).
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Timings } from "./flows";
import { root } from "./server";

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function latencySummary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
  };
}

/** The latency summary of one step (a key of Timings) over the sign-ins that reached it. */
export function stepLatency(timings: Timings[], step: string) {
  return latencySummary(timings.map((t) => t[step]!).filter((v) => v !== undefined));
}

export async function measureCeiling(passwordHash: string, password: string, seconds: number) {
  const threads = os.availableParallelism();
  const argon2Path = path.join(root, "node_modules", "@node-rs", "argon2");
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    const { verifySync } = require(workerData.argon2Path);
    const end = Date.now() + workerData.ms;
    let count = 0;
    while (Date.now() < end) { if (!verifySync(workerData.hash, workerData.password)) throw new Error("verify failed"); count++; }
    parentPort.postMessage(count);`;
  const started = performance.now();
  const counts = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(code, {
            eval: true,
            workerData: { argon2Path, hash: passwordHash, password, ms: seconds * 1000 },
          });
          worker.once("message", resolve);
          worker.once("error", reject);
        }),
    ),
  );
  const elapsed = (performance.now() - started) / 1000;
  const total = counts.reduce((a, b) => a + b, 0);
  return {
    verifiesPerSecond: Math.round((total / elapsed) * 10) / 10,
    threads,
    seconds: Math.round(elapsed * 10) / 10,
    msPerVerify: Math.round(((elapsed * 1000 * threads) / total) * 10) / 10,
    parameters: passwordHash.split("$").slice(1, 4).join("$"),
  };
}
