// Reads this test process's own threads from /proc (Linux), with the test on the process's main
// thread (Vitest's default pool runs each file in a forked process).
import { Worker } from "node:worker_threads";
import { expect, test } from "vitest";
import { cpuSeconds } from "./server-usage";

test("CPU time is read finer than the 10 ms ticks of /proc/<pid>/stat", () => {
  cpuSeconds(process.pid); // the first read loads what reading /proc needs
  const before = cpuSeconds(process.pid);
  const start = process.cpuUsage();
  // About 3 ms of CPU on this thread: ticks would read 0 or 10.
  for (let used = 0; used < 3000;) {
    Math.sqrt(Math.random());
    const { user, system } = process.cpuUsage(start);
    used = user + system;
  }
  const after = cpuSeconds(process.pid);

  const mainThreadMs = (after.mainThread - before.mainThread) * 1000;
  expect(mainThreadMs).toBeGreaterThan(1.5);
  expect(mainThreadMs).toBeLessThan(9);
});

test("a thread that ends keeps the CPU it used in the total", async () => {
  // A thread that uses about 20 ms of CPU, then waits to be told to end.
  const worker = new Worker(
    `const { parentPort } = require("node:worker_threads");
     const end = Date.now() + 20;
     while (Date.now() < end) Math.sqrt(Math.random());
     parentPort.postMessage("busy done");
     parentPort.once("message", () => process.exit(0));`,
    { eval: true },
  );
  await new Promise((resolve) => worker.once("message", resolve));
  const whileRunning = cpuSeconds(process.pid);
  const ended = new Promise((resolve) => worker.once("exit", resolve));
  worker.postMessage("end");
  await ended;
  const afterEnd = cpuSeconds(process.pid);

  expect(afterEnd.total).toBeGreaterThanOrEqual(whileRunning.total);
});
