// `npm run bench`: throughput and latency of complete two-step sign-ins over real HTTP, against
// a throwaway instance on 127.0.0.1 with its own freshly seeded database. See bench/README.md.
//
//   --duration S       measured seconds (default 20; env BENCH_DURATION)
//   --concurrency N    concurrent clients (default 50; env BENCH_CONCURRENCY)
//   --accounts N       seeded accounts, each used once (default 6000; env BENCH_ACCOUNTS)
//   --warmup S         unmeasured seconds first (default 3)
//   --tiny             2 s, 4 clients, 200 accounts, no Lighthouse (the smoke test)
//   --workers N|auto   server processes (APPMAIL_WORKERS; default: the environment's, else 1)
//   --profile          run the server under --cpu-prof and summarise where its main thread went
//   --no-lighthouse    skip Lighthouse
//   --out FILE         results file (default bench/results.json)
//   --strict           exit 1 when a goal is missed (default: only on errors)
import { readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import {
  actionRedirect,
  benchEnvironment,
  buildBenchIfNeeded,
  Client,
  codeStep,
  cpuSeconds,
  currentStep,
  FlowError,
  freePort,
  getPage,
  isDashboardOf,
  latencySummary,
  log,
  passwordStep,
  peakRssMiB,
  prepareDatabase,
  readActionIds,
  removeDataDir,
  root,
  seed,
  serverPids,
  startServer,
  totpCodeForStep,
  type ActionIds,
  type SeededAccount,
  type Timings,
} from "./lib";
import { summariseProfile } from "./profile";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string" },
    concurrency: { type: "string" },
    accounts: { type: "string" },
    warmup: { type: "string" },
    tiny: { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    workers: { type: "string" },
    "no-lighthouse": { type: "boolean", default: false },
    out: { type: "string" },
    strict: { type: "boolean", default: false },
  },
});
const tiny = args.tiny;
const numberOption = (value: string | undefined, env: string | undefined, fallback: number) => {
  const parsed = Number(value ?? env ?? fallback);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`bad number: ${value ?? env}`);
  return parsed;
};
const durationSeconds = numberOption(args.duration, process.env.BENCH_DURATION, tiny ? 2 : 20);
const concurrency = Math.round(
  numberOption(args.concurrency, process.env.BENCH_CONCURRENCY, tiny ? 4 : 50),
);
const accountCount = Math.round(
  numberOption(args.accounts, process.env.BENCH_ACCOUNTS, tiny ? 200 : 6000),
);
const warmupSeconds = numberOption(args.warmup, undefined, tiny ? 1 : 3);
const runLighthouse = !tiny && !args["no-lighthouse"];
if (args.workers) process.env.APPMAIL_WORKERS = args.workers;
const outFile = path.resolve(args.out ?? path.join(root, "bench", "results.json"));

const GOALS = {
  signInsPerSecond: 60,
  ceilingRatio: 0.4,
  step2P99Ms: 25,
  firstLoadJsKb: 120,
  lighthousePerformance: 95,
  lighthouseAccessibility: 100,
};

// ---------------------------------------------------------------------------------------------
// Ceiling: bare argon2id verifications per second, one worker thread per core

async function measureCeiling(passwordHash: string, password: string, seconds: number) {
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

// ---------------------------------------------------------------------------------------------
// Load: each client repeats a complete two-step sign-in with an unused account

type LoadResult = {
  completed: number;
  elapsedSeconds: number;
  errors: { step: string; message: string; status?: number }[];
  timings: Timings[];
  totals: number[];
  accountsExhausted: boolean;
};

async function signInOnce(
  baseUrl: string,
  actions: ActionIds,
  account: SeededAccount,
  password: string,
  timings: Timings,
) {
  const client = new Client(baseUrl);
  await passwordStep(client, account.email, password, timings);
  const code = await totpCodeForStep(account.secret!, currentStep());
  const response = await codeStep(client, actions, code, timings);
  const target = actionRedirect(response);
  if (response.status >= 500)
    throw new FlowError("step 2", `HTTP ${response.status}`, response.status);
  if (target !== "/customer") {
    throw new FlowError("step 2", `no redirect to /customer (HTTP ${response.status}, ${target})`);
  }
  const dashboard = await getPage(client, "/customer", "dashboard", timings);
  if (dashboard.status !== 200 || !isDashboardOf(dashboard.text(), account.name)) {
    throw new FlowError("GET /customer", `not the signed-in dashboard (HTTP ${dashboard.status})`);
  }
  return client;
}

function accountSource(accounts: SeededAccount[]) {
  let next = 0;
  return {
    take: () => (next < accounts.length ? accounts[next++]! : null),
    used: () => next,
  };
}

async function runLoad(
  baseUrl: string,
  actions: ActionIds,
  take: () => SeededAccount | null,
  password: string,
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
          await signInOnce(baseUrl, actions, account, password, timings);
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

// ---------------------------------------------------------------------------------------------
// Breakdown: one client, sign-ins one after another on the otherwise idle server; the server's
// CPU time (from /proc, 10 ms ticks, averaged) and the latency of each kind of request.

async function breakdown(
  baseUrl: string,
  actions: ActionIds,
  take: () => SeededAccount | null,
  password: string,
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
      await signInOnce(baseUrl, actions, account, password, t);
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
            latencyMs: latencySummary(timings.map((t) => t[name]!).filter((v) => v !== undefined)),
          },
        ];
      }),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// First-load JavaScript (gzip) of a page: every script it loads at start

const gzipSizes = new Map<string, number>();

async function firstLoadJs(client: Client, pathname: string) {
  const page = await client.request("GET", pathname, { headers: { accept: "text/html" } });
  if (page.status !== 200) throw new Error(`GET ${pathname}: HTTP ${page.status}`);
  const html = page.text();
  const sources = new Set<string>();
  // noModule scripts (Next's legacy polyfills) are skipped by every browser that runs modules.
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) {
    if (!/\bnomodule\b/i.test(match[0])) sources.add(match[1]!);
  }
  const preloads = new Set<string>();
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    if (/rel="preload"/.test(match[0]) && /as="script"/.test(match[0])) {
      const href = /href="([^"]+)"/.exec(match[0]);
      if (href && !sources.has(href[1]!)) preloads.add(href[1]!);
    }
  }
  const size = async (src: string) => {
    let bytes = gzipSizes.get(src);
    if (bytes === undefined) {
      const response = await client.request("GET", src.replaceAll("&amp;", "&"), {
        headers: { "accept-encoding": "identity" },
      });
      if (response.status !== 200) throw new Error(`GET ${src}: HTTP ${response.status}`);
      bytes = gzipSync(response.body).length;
      gzipSizes.set(src, bytes);
    }
    return bytes;
  };
  let scripts = 0;
  for (const src of sources) scripts += await size(src);
  let preloaded = 0;
  for (const src of preloads) preloaded += await size(src);
  const kb = (bytes: number) => Math.round(bytes / 100) / 10;
  return {
    kb: kb(scripts + preloaded),
    scriptsKb: kb(scripts),
    preloadedKb: kb(preloaded),
    files: sources.size + preloads.size,
  };
}

// ---------------------------------------------------------------------------------------------
// Lighthouse (optional dependency: `lighthouse` with its `chrome-launcher`)

type LighthouseResult =
  | { status: "not installed" | "skipped"; reason?: string }
  | { status: "ok"; pages: Record<string, LighthouseScores> }
  | { status: "failed"; reason: string };

type LighthouseScores = {
  performance: number;
  accessibility: number;
  /** The audits of either category that did not pass, with their scores: what to fix. */
  failing: Record<string, number>;
};

type LighthouseReport = {
  lhr: {
    categories: Record<
      string,
      { score: number | null; auditRefs: { id: string; weight: number }[] }
    >;
    audits: Record<string, { score: number | null; scoreDisplayMode: string }>;
  };
};

async function lighthouseScores(
  baseUrl: string,
  pages: { pathname: string; cookie: string }[],
): Promise<LighthouseResult> {
  let lighthouse: (url: string, flags: object, config?: object) => Promise<unknown>;
  let launch: (options: object) => Promise<{ port: number; kill: () => unknown }>;
  try {
    const moduleName = "lighthouse";
    const launcherName = "chrome-launcher";
    lighthouse = ((await import(moduleName)) as { default: typeof lighthouse }).default;
    launch = ((await import(launcherName)) as { launch: typeof launch }).launch;
  } catch {
    return { status: "not installed" };
  }
  const chrome = await launch({
    chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const scores: Record<string, LighthouseScores> = {};
    for (const { pathname, cookie } of pages) {
      const result = (await lighthouse(`${baseUrl}${pathname}`, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility"],
        extraHeaders: cookie ? { Cookie: cookie } : undefined,
      })) as LighthouseReport | undefined;
      const categories = result?.lhr.categories;
      const failing: Record<string, number> = {};
      for (const category of Object.values(categories ?? {})) {
        for (const ref of category.auditRefs) {
          const audit = result!.lhr.audits[ref.id];
          if (
            ref.weight > 0 &&
            audit?.score !== null &&
            audit?.score !== undefined &&
            audit.score < 1
          ) {
            failing[ref.id] = audit.score;
          }
        }
      }
      scores[pathname] = {
        performance: Math.round((categories?.performance?.score ?? 0) * 100),
        accessibility: Math.round((categories?.accessibility?.score ?? 0) * 100),
        failing,
      };
    }
    return { status: "ok", pages: scores };
  } catch (error) {
    return { status: "failed", reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await chrome.kill();
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const port = Number(process.env.BENCH_PORT) || (await freePort());
  const { env, dataDir } = benchEnvironment(port);
  const profileDir = path.join(dataDir, "cpu-profile");
  log(`data in ${dataDir}, server on 127.0.0.1:${port}`);
  prepareDatabase(env);
  const built = buildBenchIfNeeded(env);
  const seeded = seed(env, dataDir, accountCount, 1);
  log(`seeded ${seeded.accounts.length} accounts with 2FA`);

  log("measuring the argon2id ceiling (idle machine, one worker per core)…");
  const ceiling = await measureCeiling(seeded.passwordHash, seeded.password, tiny ? 1 : 4);

  const server = await startServer(
    env,
    port,
    args.profile ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [],
  );
  const actions = readActionIds();
  // Accounts reserved for the page measurements; the rest are used once each by the load.
  const reserved = seeded.accounts.slice(0, 3);
  const source = accountSource(seeded.accounts.slice(3));
  let exitCode = 0;
  try {
    log(`warm-up ${warmupSeconds} s…`);
    const warm = await runLoad(
      server.baseUrl,
      actions,
      source.take,
      seeded.password,
      warmupSeconds,
      Math.min(concurrency, 8),
    );
    if (warm.errors.length > 0) log(`warm-up errors: ${JSON.stringify(warm.errors.slice(0, 3))}`);

    log("breakdown: sign-ins one at a time…");
    const unloaded = await breakdown(
      server.baseUrl,
      actions,
      source.take,
      seeded.password,
      tiny ? 5 : 60,
      server.pid,
    );

    log(`measuring ${durationSeconds} s with ${concurrency} concurrent clients…`);
    const cpuBefore = cpuSeconds(server.pid);
    const clientCpuBefore = process.cpuUsage();
    const load = await runLoad(
      server.baseUrl,
      actions,
      source.take,
      seeded.password,
      durationSeconds,
      concurrency,
    );
    const cpuAfter = cpuSeconds(server.pid);
    const clientCpu = process.cpuUsage(clientCpuBefore);

    // Pages: anonymous /login, a pending sign-in's /login/verify, a complete one's account page.
    const anonymous = new Client(server.baseUrl);
    const pending = new Client(server.baseUrl);
    await passwordStep(pending, reserved[0]!.email, seeded.password, {});
    const complete = await signInOnce(server.baseUrl, actions, reserved[1]!, seeded.password, {});
    const js = {
      "/login": await firstLoadJs(anonymous, "/login"),
      "/login/verify": await firstLoadJs(pending, "/login/verify"),
      "/customer/account": await firstLoadJs(complete, "/customer/account"),
    };

    const lighthouse: LighthouseResult = runLighthouse
      ? await lighthouseScores(server.baseUrl, [
          { pathname: "/login", cookie: "" },
          { pathname: "/login/verify", cookie: pending.cookieHeader() },
          { pathname: "/customer/account", cookie: complete.cookieHeader() },
        ])
      : { status: "skipped" };

    const peakRss = peakRssMiB(server.pid);
    const serverProcesses = serverPids(server.pid).length;
    await server.stop();

    // ---- figures
    const perSecond = load.completed / load.elapsedSeconds;
    const stepNames = ["loginPage", "csrf", "credentials", "verifyPage", "step2", "dashboard"];
    const steps = Object.fromEntries(
      stepNames.map((name) => [
        name,
        latencySummary(load.timings.map((t) => t[name]!).filter((v) => v !== undefined)),
      ]),
    );
    const step2 = steps.step2!;
    const serverCpu = cpuAfter.total - cpuBefore.total;
    const mainCpu = cpuAfter.mainThread - cpuBefore.mainThread;
    const statusCounts: Record<string, number> = {};
    for (const error of load.errors) {
      const key = error.status ? `HTTP ${error.status}` : error.step;
      statusCounts[key] = (statusCounts[key] ?? 0) + 1;
    }
    const results = {
      version: 1,
      date: new Date().toISOString(),
      machine: {
        cpus: os.availableParallelism(),
        cpuModel: os.cpus()[0]?.model ?? "unknown",
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        loadAverageBefore: os.loadavg()[0],
      },
      parameters: {
        tiny,
        durationSeconds,
        concurrency,
        accounts: accountCount,
        warmupSeconds,
        database: "sqlite",
        // The server reads APPMAIL_WORKERS itself: count what it started (a primary and its workers).
        workers: serverProcesses === 1 ? 1 : serverProcesses - 1,
        built,
        flow: "GET /login, GET /api/auth/csrf, POST /api/auth/callback/credentials, GET /login/verify, POST verify action, GET /customer",
      },
      ceiling,
      signIns: {
        completed: load.completed,
        elapsedSeconds: Math.round(load.elapsedSeconds * 100) / 100,
        perSecond: Math.round(perSecond * 10) / 10,
        ratioToCeiling: Math.round((perSecond / ceiling.verifiesPerSecond) * 1000) / 1000,
        errors: load.errors.length,
        errorKinds: statusCounts,
        firstErrors: load.errors.slice(0, 5),
        accountsExhausted: load.accountsExhausted,
        accountsUsed: source.used(),
        flowLatencyMs: latencySummary(load.totals),
      },
      step2LatencyMs: step2,
      unloaded,
      stepLatencyMs: steps,
      server: {
        processes: serverProcesses,
        peakRssMiB: peakRss,
        cpuMsPerSignIn: Math.round((serverCpu / Math.max(1, load.completed)) * 10000) / 10,
        cpuUtilisation: Math.round((serverCpu / load.elapsedSeconds) * 100) / 100,
        mainThreadUtilisation: Math.round((mainCpu / load.elapsedSeconds) * 100) / 100,
        clientCpuUtilisation:
          Math.round(((clientCpu.user + clientCpu.system) / 1e6 / load.elapsedSeconds) * 100) / 100,
      },
      firstLoadJsKb: js,
      lighthouse,
      profile: undefined as unknown,
      goals: [] as { metric: string; goal: string; value: string; pass: boolean | null }[],
    };
    if (args.profile) {
      const files = readdirSync(profileDir).filter((name) => name.endsWith(".cpuprofile"));
      if (files[0]) results.profile = summariseProfile(path.join(profileDir, files[0]));
    }

    const goal = (metric: string, text: string, value: string, pass: boolean | null) =>
      results.goals.push({ metric, goal: text, value, pass });
    goal(
      "sign-ins/s",
      `≥ ${GOALS.signInsPerSecond}`,
      perSecond.toFixed(1),
      perSecond >= GOALS.signInsPerSecond,
    );
    goal(
      "ratio to argon2 ceiling",
      `≥ ${GOALS.ceilingRatio * 100} %`,
      `${((perSecond / ceiling.verifiesPerSecond) * 100).toFixed(1)} % of ${ceiling.verifiesPerSecond}/s`,
      perSecond / ceiling.verifiesPerSecond >= GOALS.ceilingRatio,
    );
    goal("step-2 p50 (ms)", "", String(step2.p50), null);
    goal("step-2 p95 (ms)", "", String(step2.p95), null);
    goal(
      "step-2 p99 (ms)",
      `≤ ${GOALS.step2P99Ms}`,
      String(step2.p99),
      step2.p99 <= GOALS.step2P99Ms,
    );
    goal("server peak RSS (MiB)", "", String(peakRss), null);
    for (const [page, figures] of Object.entries(js)) {
      goal(
        `first-load JS ${page} (kB gz)`,
        `≤ ${GOALS.firstLoadJsKb}`,
        String(figures.kb),
        figures.kb <= GOALS.firstLoadJsKb,
      );
    }
    if (lighthouse.status === "ok") {
      for (const [page, score] of Object.entries(lighthouse.pages)) {
        goal(
          `Lighthouse perf ${page}`,
          `≥ ${GOALS.lighthousePerformance}`,
          String(score.performance),
          score.performance >= GOALS.lighthousePerformance,
        );
        goal(
          `Lighthouse a11y ${page}`,
          `= ${GOALS.lighthouseAccessibility}`,
          String(score.accessibility),
          score.accessibility >= GOALS.lighthouseAccessibility,
        );
      }
    } else {
      goal(
        "Lighthouse",
        `perf ≥ ${GOALS.lighthousePerformance}, a11y ${GOALS.lighthouseAccessibility}`,
        `lighthouse: ${lighthouse.status}${"reason" in lighthouse && lighthouse.reason ? ` (${lighthouse.reason})` : ""}`,
        null,
      );
    }
    goal("errors", "0", String(load.errors.length), load.errors.length === 0);

    writeFileSync(outFile, await formatJson(results));
    printTable(results);
    if (load.errors.length > 0 || load.completed === 0) exitCode = 1;
    if (args.strict && results.goals.some((g) => g.pass === false)) exitCode = 1;
  } finally {
    await server.stop();
    removeDataDir(dataDir);
  }
  process.exit(exitCode);
}

/** The results as Prettier would write them, so that `prettier --check .` accepts the file. */
async function formatJson(value: unknown) {
  const text = JSON.stringify(value, null, 2) + "\n";
  try {
    const prettier = await import("prettier");
    return await prettier.format(text, { parser: "json" });
  } catch {
    return text;
  }
}

function printTable(results: {
  goals: { metric: string; goal: string; value: string; pass: boolean | null }[];
  parameters: { durationSeconds: number; concurrency: number; workers: number };
  signIns: { completed: number; elapsedSeconds: number; accountsExhausted: boolean };
  server: Record<string, number>;
  stepLatencyMs: Record<string, { p50: number; p95: number; p99: number }>;
  unloaded: Awaited<ReturnType<typeof breakdown>>;
}) {
  const rows = results.goals.map((g) => [
    g.metric,
    g.value,
    g.goal,
    g.pass === null ? "" : g.pass ? "ok" : "MISS",
  ]);
  const header = ["metric", "value", "goal", ""];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  console.log(
    `\nAppMail sign-in benchmark: ${results.signIns.completed} complete two-step sign-ins in ` +
      `${results.signIns.elapsedSeconds} s, ${results.parameters.concurrency} concurrent clients, ` +
      `${results.parameters.workers} server process${results.parameters.workers === 1 ? "" : "es"}` +
      (results.signIns.accountsExhausted ? " (accounts exhausted: raise --accounts)" : ""),
  );
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
  const s = results.server;
  console.log(
    `\nserver CPU ${s.cpuMsPerSignIn} ms per sign-in; ${s.cpuUtilisation} cores busy ` +
      `(main thread ${s.mainThreadUtilisation}); load generator ${s.clientCpuUtilisation} cores`,
  );
  console.log(
    "per request p50/p95/p99 ms: " +
      Object.entries(results.stepLatencyMs)
        .map(([name, l]) => `${name} ${l.p50}/${l.p95}/${l.p99}`)
        .join(", "),
  );
  console.log(
    `one client, idle server (${results.unloaded.signIns} sign-ins): server CPU ms (main thread) / p50 latency ms per request: ` +
      Object.entries(results.unloaded.requests)
        .map(([name, r]) => `${name} ${r.serverCpuMs} (${r.mainThreadCpuMs}) / ${r.latencyMs.p50}`)
        .join(", "),
  );
}

await main();
