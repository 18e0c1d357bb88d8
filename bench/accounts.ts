// `npm run bench:accounts -- --accounts 100000`: the admin's pages over many accounts. For each
// engine (SQLite, then PostgreSQL on a throwaway server), a small and a large set of accounts
// (bench/lib/account-seed.ts), the built app started on them, an admin signed in, and the median
// time of several requests to each page: the large set should cost at most 1.5 times the small.
// Pages that answer 404 (not built yet) are reported "not found". See bench/README.md, "Accounts".
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { queryPlans, statementTimes } from "./lib/account-plans";
import { BENCH_ADMIN, benchEmail, seedAccounts } from "./lib/account-seed";
import { passwordStep } from "./lib/flows";
import { Client } from "./lib/http-client";
import { log } from "./lib/log";
import { describeMemory, MEMORY_PROBE_FLAGS, serverMemory, type Memory } from "./lib/server-memory";
import {
  benchEnvironment,
  buildBenchIfNeeded,
  freePort,
  prepareDatabase,
  removeDataDir,
  root,
  startServer,
} from "./lib/server";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "100000" },
    small: { type: "string", default: "100" },
    requests: { type: "string", default: "9" },
    engines: { type: "string", default: "sqlite,postgresql" },
    // CSV downloads in a row, each followed by the server's memory after a full collection.
    files: { type: "string", default: "10" },
    // A full collection before each of those readings too: what the heap holds, not its garbage.
    "collect-each": { type: "boolean", default: false },
  },
});
const large = Number(values.accounts);
const small = Number(values.small);
const requests = Number(values.requests);
const files = Number(values.files);
const TARGET = 1.5;
const CSV_TARGET = 20_000; // rows/s, with memory flat

// Each path is that of the set measured: the last page is page 2 of 100 accounts and page 2,000
// of 100,000, 50 accounts each.
const ROUTES: { name: string; path: (accounts: number) => string; csv?: boolean }[] = [
  { name: "/backend/users page 1", path: () => "/backend/users" },
  // One account matches, found through the trigram index (docs/architecture.md, "The users list").
  {
    name: "/backend/users search",
    path: () => `/backend/users?q=${encodeURIComponent("000042@")}`,
  },
  {
    name: "/backend/users last page",
    path: (accounts) => `/backend/users?page=${Math.ceil(accounts / 50)}`,
  },
  { name: "/backend/security", path: () => "/backend/security" },
  {
    name: "/backend/security/accounts.csv",
    path: () => "/backend/security/accounts.csv",
    csv: true,
  },
];

type Measured = { ms: number | null; note: string; rows?: number };
type Instance = Awaited<ReturnType<typeof startOne>>;

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const get = (instance: Instance, path: string) =>
  instance.client.request("GET", path, { headers: { accept: "text/html" } });

/**
 * One route on both sets in turns (small, large, small, …), so that the machine's load, shared
 * with other work, weighs on both alike; the first request of each is not counted. The CSV is
 * downloaded `files` times instead, the server's memory read before the first (after a full
 * collection), after each as it is, and after a full collection at the end.
 */
async function measureInTurns(instances: Instance[], route: (typeof ROUTES)[number]) {
  const times = instances.map(() => [] as number[]);
  const rows = instances.map(() => 0);
  const memory = await Promise.all(
    instances.map(async (instance) =>
      route.csv ? [await serverMemory(instance.server, true)] : [],
    ),
  );
  for (let i = 0; i <= (route.csv ? files - 1 : requests); i++) {
    for (const [k, instance] of instances.entries()) {
      const response = await get(instance, route.path(instance.accounts));
      if (response.status === 404) return instances.map(() => ({ ms: null, note: "not found" }));
      if (response.status !== 200) throw new Error(`${route.name}: HTTP ${response.status}`);
      if (route.csv) {
        rows[k] = response.text().trimEnd().split("\n").length - 1;
        memory[k]!.push(await serverMemory(instance.server, values["collect-each"]));
      }
      if (i > 0) times[k]!.push(response.ms);
    }
  }
  for (const [k, instance] of instances.entries()) {
    if (route.csv) memory[k]!.push(await serverMemory(instance.server, true));
  }
  return instances.map((instance, k): Measured => {
    if (!route.csv) return { ms: median(times[k]!), note: "" };
    return { ms: median(times[k]!), note: memoryNote(memory[k]!), rows: rows[k] };
  });
}

/**
 * Before the first file (collected), after each file as the heap is, and after a full collection
 * at the end: the heap holds nothing of the files when the last figure is back at the first.
 */
function memoryNote(memory: Memory[]) {
  const [before, last] = [memory[0]!, memory[memory.length - 1]!];
  const each = memory.slice(1, -1);
  return [
    `\n      before the first file, collected: ${describeMemory(before)}`,
    `\n      heap used after each file${values["collect-each"] ? ", collected" : ""} (MiB):  ${each.map((m) => m.heapUsed).join(", ")}`,
    `\n      heap reserved after each (MiB):   ${each.map((m) => m.heapTotal).join(", ")}`,
    `\n      RSS after each file (MiB):        ${each.map((m) => m.rss).join(", ")}`,
    `\n      after the last file, collected:   ${describeMemory(last)}`,
  ].join("");
}

async function throwawayPostgres() {
  const folder = mkdtempSync(path.join(os.tmpdir(), "appmail-bench-pg-"));
  const port = await freePort();
  const script = path.join(root, "scripts", "throwaway-postgres.sh");
  const url = execFileSync(script, [folder, String(port)], { encoding: "utf8" }).trim();
  const stop = () => {
    const bin = execFileSync("bash", ["-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1"])
      .toString()
      .trim();
    const pgCtl = [path.join(bin, "pg_ctl"), "-D", `${folder}/data`, "-m", "immediate", "stop"];
    const asRoot = process.getuid?.() === 0;
    execFileSync(
      asRoot ? "runuser" : pgCtl[0]!,
      asRoot ? ["-u", "postgres", "--", ...pgCtl] : pgCtl.slice(1),
      { stdio: "ignore" },
    );
    rmSync(folder, { recursive: true, force: true });
  };
  return { url, stop };
}

async function startOne(engine: string, accounts: number, adminHash: string, pgUrl?: string) {
  const port = await freePort();
  const { env, dataDir } = benchEnvironment(port);
  if (pgUrl) {
    const database = `bench_${accounts}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    Object.assign(env, {
      DATABASE_URL: pgUrl.replace(/\/postgres$/, `/${database}`),
      NEXTAUTH_SECRET: "bench-session-secret-0123456789-abcdefghij",
      APPMAIL_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
    });
  }
  const databaseUrl = env.DATABASE_URL ?? `file:${path.join(dataDir, "appmail.db")}`;
  prepareDatabase(env);
  const started = Date.now();
  const counts = await seedAccounts(databaseUrl, accounts, adminHash);
  log(`${engine}: seeded ${JSON.stringify(counts)} in ${Date.now() - started} ms`);
  const plans = accounts === large ? await queryPlans(databaseUrl) : undefined;
  log(
    `${engine}, ${accounts} accounts, database time (ms): ${JSON.stringify(await statementTimes(databaseUrl))}`,
  );
  const server = await startServer(env, port, MEMORY_PROBE_FLAGS);
  const client = new Client(server.baseUrl);
  await passwordStep(client, BENCH_ADMIN.email, BENCH_ADMIN.password, {});
  const stop = async () => {
    await server.stop();
    removeDataDir(dataDir);
  };
  return { accounts, client, server, plans, stop };
}

async function main() {
  buildBenchIfNeeded(benchEnvironment(0).env);
  const adminHash = await hash(BENCH_ADMIN.password, {
    algorithm: 2,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  });
  log(`search term matches ${benchEmail(42)}`);
  for (const engine of values.engines.split(",")) {
    const postgres = engine === "postgresql" ? await throwawayPostgres() : undefined;
    try {
      const instances: Instance[] = [];
      try {
        instances.push(await startOne(engine, small, adminHash, postgres?.url));
        instances.push(await startOne(engine, large, adminHash, postgres?.url));
        const few: Record<string, Measured> = {};
        const many: Record<string, Measured> = {};
        for (const route of ROUTES) {
          const [a, b] = await measureInTurns(instances, route);
          few[route.name] = a!;
          many[route.name] = b!;
        }
        report(engine, few, many);
        for (const [name, plan] of Object.entries(instances[1]!.plans ?? {})) {
          console.log(`\n${engine} plan, ${name}:\n${plan}`);
        }
      } finally {
        for (const instance of instances) await instance.stop();
      }
    } finally {
      postgres?.stop();
    }
  }
}

function report(engine: string, few: Record<string, Measured>, many: Record<string, Measured>) {
  console.log(`\n${engine}: median of ${requests} requests, ms (${small} → ${large} accounts)`);
  for (const route of ROUTES) {
    const [a, b] = [few[route.name]!, many[route.name]!];
    if (a.ms === null || b.ms === null) {
      console.log(`  ${route.name.padEnd(32)} not found`);
      continue;
    }
    if (b.rows !== undefined) {
      // The file grows with the accounts: its target is a rate, and memory that stays flat.
      const perSecond = Math.round(b.rows / (b.ms / 1000));
      const rate = `${b.rows} rows, ${perSecond} rows/s ${perSecond >= CSV_TARGET ? "✔" : "✘"}`;
      console.log(
        `  ${route.name.padEnd(32)} ${a.ms.toFixed(1).padStart(7)} ${b.ms.toFixed(1).padStart(8)}  ${rate} (target ≥ ${CSV_TARGET})`,
      );
      console.log(`    server memory, ${small} accounts, ${files} files:${a.note}`);
      console.log(`    server memory, ${large} accounts, ${files} files:${b.note}`);
      continue;
    }
    const ratio = b.ms / a.ms;
    const mark = ratio <= TARGET ? "✔" : "✘";
    console.log(
      `  ${route.name.padEnd(32)} ${a.ms.toFixed(1).padStart(7)} ${b.ms.toFixed(1).padStart(8)}  ×${ratio.toFixed(2)} ${mark} (target ≤ ${TARGET}×)`,
    );
  }
}

await main();
