// The load: clients repeating complete two-step sign-ins, each with an unused account; either
// many at once (throughput and latency) or one at a time on the otherwise idle server, where
// the server's CPU time per kind of request can be read from /proc.
import { completeSignIn, FlowError, type Timings } from "./flows";
import { Client } from "./http-client";
import { stepLatency } from "./measure";
import type { ActionIds } from "./server-actions";
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

/** What a client needs to sign in: the server, its action ids, the next unused account. */
export type SignInSetup = {
  baseUrl: string;
  actions: ActionIds;
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

/** `clients` concurrent clients signing in for `seconds`. */
export async function runLoad(
  { baseUrl, actions, take, password }: SignInSetup,
  seconds: number,
  clients: number,
): Promise<LoadResult> {
  const result: LoadResult = {
    completed: 0,
    elapsedSeconds: 0,
    errors: [],
    timings: [],
    totals: [],
    accountsExhausted: false,
  };
  const started = performance.now();
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        const account = take();
        if (!account) {
          result.accountsExhausted = true;
          return;
        }
        const timings: Timings = {};
        const flowStarted = performance.now();
        try {
          await completeSignIn(baseUrl, actions, account, password, timings);
          result.completed++;
          result.timings.push(timings);
          result.totals.push(performance.now() - flowStarted);
        } catch (error) {
          const flow = error instanceof FlowError ? error : null;
          result.errors.push({
            step: flow?.step ?? "request",
            message: error instanceof Error ? error.message : String(error),
            status: flow?.status,
          });
        }
      }
    }),
  );
  result.elapsedSeconds = (performance.now() - started) / 1000;
  return result;
}

// Breakdown: one client, sign-ins one after another on the otherwise idle server; the server's
// CPU time (from /proc, 10 ms ticks, averaged) and the latency of each kind of request.
export type Breakdown = Awaited<ReturnType<typeof breakdown>>;

export async function breakdown(
  { baseUrl, actions, take, password }: SignInSetup,
  count: number,
  pid: number,
) {
  const perRequest = new Map<string, { main: number; total: number; ms: number[] }>();
  let current: { key: string; cpu: ReturnType<typeof cpuSeconds> } | null = null;
  const close = () => {
    if (!current) return;
    const cpu = cpuSeconds(pid);
    const entry = perRequest.get(current.key) ?? { main: 0, total: 0, ms: [] };
    entry.main += cpu.mainThread - current.cpu.mainThread;
    entry.total += cpu.total - current.cpu.total;
    perRequest.set(current.key, entry);
    current = null;
  };
  Client.onStart = (method, pathname) => {
    close();
    const key = `${method} ${pathname}`;
    current = { key, cpu: cpuSeconds(pid) };
  };
  const observerBefore = Client.observer;
  const timings: Timings[] = [];
  let done = 0;
  try {
    for (let i = 0; i < count; i++) {
      const account = take();
      if (!account) break;
      const t: Timings = {};
      await completeSignIn(baseUrl, actions, account, password, t);
      close();
      timings.push(t);
      done++;
    }
  } finally {
    close();
    Client.onStart = undefined;
    Client.observer = observerBefore;
  }
  const names: Record<string, string> = {
    "GET /login": "loginPage",
    "GET /api/auth/csrf": "csrf",
    "POST /api/auth/callback/credentials": "credentials",
    "GET /login/verify": "verifyPage",
    "POST /login/verify": "step2",
    "GET /customer": "dashboard",
  };
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    signIns: done,
    requests: Object.fromEntries(
      [...perRequest].map(([key, entry]) => {
        const name = names[key] ?? key;
        return [
          name,
          {
            request: key,
            serverCpuMs: round((entry.total / done) * 1000),
            mainThreadCpuMs: round((entry.main / done) * 1000),
            latencyMs: stepLatency(timings, name),
          },
        ];
      }),
    ),
  };
}
