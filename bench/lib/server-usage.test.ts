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
  const totalMs = (after.total - before.total) * 1000;
  expect(totalMs).toBeGreaterThan(mainThreadMs - 0.001);
});
