// What the server's processes use, read from /proc: CPU time and peak resident memory.
import { readdirSync, readFileSync } from "node:fs";

export function procStatus(pid: number): Record<string, string> {
  const fields: Record<string, string> = {};
  try {
    for (const line of readFileSync(`/proc/${pid}/status`, "utf8").split("\n")) {
      const index = line.indexOf(":");
      if (index > 0) fields[line.slice(0, index)] = line.slice(index + 1).trim();
    }
  } catch {
    // process gone
  }
  return fields;
}

/**
 * The server's processes: the one started and, with APPMAIL_WORKERS above 1, its workers. The
 * e-mail sender the app forks beside them (docs/architecture.md, "The outbox") sends nothing in a
 * benchmark, and is left out, so the figures stay per serving process.
 */
export function serverPids(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    const pids = children.split(/\s+/).filter(Boolean).map(Number);
    return [pid, ...pids.filter((child) => !isEmailSender(child))];
  } catch {
    return [pid];
  }
}

function isEmailSender(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("email-sender");
  } catch {
    return false;
  }
}

/** Peak resident memory of the server in MiB: the sum of each of its processes' peaks (VmHWM). */
export function peakRssMiB(pid: number): number {
  const kb = serverPids(pid)
    .map((each) => Number.parseInt(procStatus(each).VmHWM ?? "", 10) || 0)
    .reduce((a, b) => a + b, 0);
  return Math.round((kb / 1024) * 10) / 10;
}

export type CpuSeconds = { total: number; mainThread: number };

/**
 * The CPU seconds one thread has run, from its schedstat (nanoseconds); null when it cannot be
 * read. /proc/<pid>/stat counts in 10 ms ticks, too coarse for requests of 4 to 40 ms: averaged
 * over a breakdown, ticks left the cheap steps' figures a millisecond apart from run to run
 * (bench/README.md, "The sixth round").
 */
function threadSeconds(pid: number, tid: number): number | null {
  try {
    const schedstat = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8");
    return Number(schedstat.slice(0, schedstat.indexOf(" "))) / 1e9;
  } catch {
    return null;
  }
}

function threadIds(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [];
  }
}

/** Each process's threads (by pid, then tid) as last read: an ended thread keeps its count. */
const lastReadings = new Map<number, Map<number, number>>();

/**
 * CPU seconds used so far by the server's processes (every thread: the main thread, libuv's pool
 * where argon2id and zlib run, V8's helpers) and by their main (JavaScript) threads; `mainThread`
 * is the sum over the processes (one main thread per worker). A thread that ends keeps what it had
 * used when last read, so the total never goes back (Node's threads live as long as their
 * process: what one used after its last reading is the only thing that can be missed). NaN where
 * a process's main thread cannot be read (a kernel without schedstat, a process gone).
 */
export function cpuSeconds(pid: number): CpuSeconds {
  let total = 0;
  let mainThread = 0;
  for (const each of serverPids(pid)) {
    const threads = lastReadings.get(each) ?? new Map<number, number>();
    lastReadings.set(each, threads);
    for (const tid of threadIds(each)) {
      const seconds = threadSeconds(each, tid);
      if (seconds !== null) threads.set(tid, seconds);
    }
    for (const seconds of threads.values()) total += seconds;
    mainThread += threads.get(each) ?? NaN;
  }
  return Number.isNaN(mainThread) ? { total: NaN, mainThread } : { total, mainThread };
}

/**
 * The highest peak resident memory (VmHWM, MiB) of one serving process: the workers when the
 * server forked some (the primary only forwards connections), else the one process.
 */
export function peakRssPerProcessMiB(pid: number): number {
  const pids = serverPids(pid);
  const serving = pids.length > 1 ? pids.slice(1) : pids;
  const kb = Math.max(
    ...serving.map((each) => Number.parseInt(procStatus(each).VmHWM ?? "", 10) || 0),
  );
  return Math.round((kb / 1024) * 10) / 10;
}
