// The load: sign-ins replayed as the browser made them (bench/lib/replay.ts), each with an unused
// account; closed loop (clients signing in back to back: the maximum), open loop (sign-ins
// arriving at a fixed rate, whether or not the earlier ones are done: latency at a stated load),
// or one at a time on the otherwise idle server, where its CPU time per step is read from /proc.
import { setTimeout as sleep } from "node:timers/promises";
import { FlowError, type Timings } from "./flows";
import { Client } from "./http-client";
import { latencySummary, stepLatency } from "./measure";
import { planSteps, replaySignIn, type ReplayPlan, type Target } from "./replay";
import { cpuSeconds } from "./server-usage";
import type { SeededAccount } from "./server";

export type LoadResult = {
  completed: number;
  elapsedSeconds: number;
  errors: { step: string; message: string; status?: number }[];
  timings: Timings[];
  totals: number[];
  accountsExhausted: boolean;
};

/** What a client needs to sign in: the server, the flow, the next unused account. */
export type SignInSetup = {
  target: Target;
  plan: ReplayPlan;
  take: () => SeededAccount | null;
  password: string;
};

/** Hands out each seeded account once. */
export function accountSource(accounts: SeededAccount[]) {
  let next = 0;
  return {
    take: () => (next < accounts.length ? accounts[next++]! : null),
    used: () => next,
  };
}

function emptyResult(): LoadResult {
  return {
    completed: 0,
    elapsedSeconds: 0,
    errors: [],
    timings: [],
    totals: [],
    accountsExhausted: false,
  };
}

/** One sign-in into `result`; `since` is when it was due (open loop) or started. */
async function signInto(
  setup: SignInSetup,
  account: SeededAccount,
  result: LoadResult,
  since = performance.now(),
) {
  const timings: Timings = {};
  try {
    await replaySignIn(setup.target, setup.plan, account, setup.password, timings);
    result.completed++;
    result.timings.push(timings);
    result.totals.push(performance.now() - since);
  } catch (error) {
    const flow = error instanceof FlowError ? error : null;
    result.errors.push({
      step: flow?.step ?? "request",
      message: error instanceof Error ? error.message : String(error),
      status: flow?.status,
    });
  }
}

/** Closed loop: `clients` concurrent clients signing in back to back for `seconds`. */
export async function runLoad(setup: SignInSetup, seconds: number, clients: number) {
  const result = emptyResult();
  const started = performance.now();
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        const account = setup.take();
        if (!account) {
          result.accountsExhausted = true;
          return;
        }
        await signInto(setup, account, result);
      }
    }),
  );
  result.elapsedSeconds = (performance.now() - started) / 1000;
  return result;
}

/**
 * Open loop: a sign-in starts every 1/`perSecond` s for `seconds`, however many are still
 * running. Each whole sign-in's latency counts from when it was due, so a late start (the load
 * generator behind) counts as waiting; each request's own latency is in `timings`.
 */
export async function runOpenLoop(setup: SignInSetup, seconds: number, perSecond: number) {
  const result = emptyResult();
  const started = performance.now();
  const arrivals = Math.max(1, Math.round(seconds * perSecond));
  const running: Promise<void>[] = [];
  let lateMs = 0;
  for (let i = 0; i < arrivals; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    else lateMs = Math.max(lateMs, -wait);
    const account = setup.take();
    if (!account) {
      result.accountsExhausted = true;
      break;
    }
    running.push(signInto(setup, account, result, due));
  }
  await Promise.all(running);
  result.elapsedSeconds = (performance.now() - started) / 1000;
  return {
    ...result,
    perSecond,
    arrivals,
    step2: stepLatency(result.timings, "step2"),
    signIn: latencySummary(result.totals),
    generatorLateMs: Math.round(lateMs),
  };
}

export type OpenLoopResult = Awaited<ReturnType<typeof runOpenLoop>>;

// Breakdown: one client, sign-ins one after another on the otherwise idle server (or servers, in
// turn); the server's CPU time per step (from /proc, per thread, in nanoseconds) and each step's
// latency.
export type Breakdown = ReturnType<typeof summarise>;

type StepCpu = Map<string, { request: string; main: number; total: number }>;

/** One sign-in, each step's server CPU (from its request's start to the next's) added to `into`. */
async function measuredSignIn(setup: SignInSetup, pid: number, into: StepCpu, t: Timings) {
  const account = setup.take();
  if (!account) return false;
  let current: { step: string; request: string; cpu: ReturnType<typeof cpuSeconds> } | null = null;
  const close = () => {
    if (!current) return;
    const cpu = cpuSeconds(pid);
    const entry = into.get(current.step) ?? { request: current.request, main: 0, total: 0 };
    entry.main += cpu.mainThread - current.cpu.mainThread;
    entry.total += cpu.total - current.cpu.total;
    into.set(current.step, entry);
    current = null;
  };
  Client.onStart = (method, pathname, step) => {
    close();
    const request = `${method} ${pathname.split("?")[0]}`;
    current = { step: step ?? request, request, cpu: cpuSeconds(pid) };
  };
  try {
    await replaySignIn(setup.target, setup.plan, account, setup.password, t);
    // The last response is in: let the server finish its work before the step is closed.
    await sleep(20);
  } finally {
    close();
    Client.onStart = undefined;
  }
  return true;
}

/**
 * The breakdowns of several servers at once, their sign-ins taken in turn (one on the app, one on
 * the floor, …): whatever else the machine does meanwhile weighs on both alike, so their ratio
 * holds better than that of two runs minutes apart.
 */
export async function breakdowns(targets: { setup: SignInSetup; pid: number }[], count: number) {
  const measured = targets.map(() => ({ perStep: new Map() as StepCpu, timings: [] as Timings[] }));
  for (let i = 0; i < count; i++) {
    for (const [index, { setup, pid }] of targets.entries()) {
      const t: Timings = {};
      if (await measuredSignIn(setup, pid, measured[index]!.perStep, t)) {
        measured[index]!.timings.push(t);
      }
    }
  }
  return targets.map(({ setup }, index) => {
    const { perStep, timings } = measured[index]!;
    return summarise(setup, perStep, timings);
  });
}

export async function breakdown(setup: SignInSetup, count: number, pid: number) {
  return (await breakdowns([{ setup, pid }], count))[0]!;
}

function summarise(setup: SignInSetup, perStep: StepCpu, timings: Timings[]) {
  const done = timings.length;
  const round = (n: number) => Math.round(n * 10) / 10;
  const requests = Object.fromEntries(
    planSteps(setup.plan).map((step) => {
      const entry = perStep.get(step) ?? { request: step, main: NaN, total: NaN };
      return [
        step,
        {
          request: entry.request,
          serverCpuMs: round((entry.total / done) * 1000),
          mainThreadCpuMs: round((entry.main / done) * 1000),
          latencyMs: stepLatency(timings, step),
        },
      ];
    }),
  );
  const total = Object.values(requests).reduce((sum, r) => sum + r.serverCpuMs, 0);
  return { signIns: done, serverCpuMsPerSignIn: round(total), requests };
}
