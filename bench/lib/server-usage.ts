// What the server's processes use, read from /proc: CPU time and peak resident memory.
import { readFileSync } from "node:fs";

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

const CLOCK_TICKS = 100; // USER_HZ on Linux

export type CpuSeconds = { total: number; mainThread: number };

/**
 * CPU seconds used so far by the server's processes and by their main (JavaScript) threads;
 * `mainThread` is the sum over the processes (one main thread per worker).
 */
export function cpuSeconds(pid: number): CpuSeconds {
  const read = (file: string) => {
    try {
      const stat = readFileSync(file, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime + stime
    } catch {
      return NaN;
    }
  };
  let total = 0;
  let mainThread = 0;
  for (const each of serverPids(pid)) {
    total += read(`/proc/${each}/stat`);
    mainThread += read(`/proc/${each}/task/${each}/stat`);
  }
  return { total, mainThread };
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
