// The benchmark server's memory between requests (bench/README.md, "Accounts"): the JavaScript
// heap as it is or after a full collection, read through bench/lib/memory-probe.mjs, beside the
// resident set now and its peak from /proc. The peak (VmHWM) never goes down: a peak that levels off says only
// that no later request needed more than the worst one so far.
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { procStatus } from "./server-usage";
import { root, type RunningServer } from "./server";

/** The flags that load the probe into the server: pass them to `startServer`. */
export const MEMORY_PROBE_FLAGS = [
  "--expose-gc",
  "--import",
  path.join(root, "bench", "lib", "memory-probe.mjs"),
];

export type Memory = {
  heapUsed: number;
  heapTotal: number;
  external: number;
  rss: number;
  peak: number;
};

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const kbToMib = (field: string | undefined) =>
  Math.round(((Number.parseInt(field ?? "", 10) || 0) / 1024) * 10) / 10;

/**
 * The server's heap (used and reserved), external memory, resident set and peak (MiB): as they
 * are, or after a full collection when `collect`.
 */
export async function serverMemory(server: RunningServer, collect = false): Promise<Memory> {
  const seen = server.output().length;
  process.kill(server.pid, collect ? "SIGWINCH" : "SIGUSR2");
  for (let waited = 0; waited < 10_000; waited += 50) {
    const line = /bench-memory (\{.*\})/.exec(server.output().slice(seen));
    if (line) {
      const usage = JSON.parse(line[1]!) as NodeJS.MemoryUsage;
      const status = procStatus(server.pid);
      return {
        heapUsed: mib(usage.heapUsed),
        heapTotal: mib(usage.heapTotal),
        external: mib(usage.external),
        rss: kbToMib(status.VmRSS),
        peak: kbToMib(status.VmHWM),
      };
    }
    await sleep(50);
  }
  throw new Error("the server did not report its memory (bench/lib/memory-probe.mjs)");
}

export const describeMemory = (m: Memory) =>
  `heap ${m.heapUsed} of ${m.heapTotal}, external ${m.external}, RSS ${m.rss} (peak ${m.peak}) MiB`;
