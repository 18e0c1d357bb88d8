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
import { peakRssMiB } from "./lib/server-usage";
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
  },
});
const large = Number(values.accounts);
const small = Number(values.small);
const requests = Number(values.requests);
const TARGET = 1.5;

const ROUTES = [
  { name: "/backend/users page 1", path: "/backend/users" },
  // One account matches: the search reads every row (a leading-wildcard LIKE seeks no index).
  { name: "/backend/users search", path: `/backend/users?q=${encodeURIComponent("000042@")}` },
  { name: "/backend/users page 2,000", path: "/backend/users?page=2000" },
  { name: "/backend/security", path: "/backend/security" },
  { name: "/backend/security/accounts.csv", path: "/backend/security/accounts.csv", csv: true },
];

type Measured = { ms: number | null; note: string };

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

async function measure(client: Client, pid: number, route: (typeof ROUTES)[number]) {
  const times: number[] = [];
  let note = "";
  // One request unmeasured first: the route's code loads and its statements are prepared.
  const first = await client.request("GET", route.path, { headers: { accept: "text/html" } });
  if (first.status === 404) return { ms: null, note: "not found" };
  for (let i = 0; i < requests; i++) {
    const response = await client.request("GET", route.path, { headers: { accept: "text/html" } });
    if (response.status === 404) return { ms: null, note: "not found" };
    if (response.status !== 200) throw new Error(`${route.path}: HTTP ${response.status}`);
    times.push(response.ms);
    if (route.csv) {
      const rows = response.text().trimEnd().split("\n").length - 1;
      note = `${rows} rows, ${Math.round(rows / (response.ms / 1000))} rows/s, peak RSS ${peakRssMiB(pid)} MiB`;
    }
  }
  return { ms: median(times), note };
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

async function runOne(engine: string, accounts: number, adminHash: string, pgUrl?: string) {
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
  const server = await startServer(env, port);
  try {
    const client = new Client(server.baseUrl);
    await passwordStep(client, BENCH_ADMIN.email, BENCH_ADMIN.password, {});
    const results: Record<string, Measured> = {};
    for (const route of ROUTES) results[route.name] = await measure(client, server.pid, route);
    return { results, plans };
  } finally {
    await server.stop();
    removeDataDir(dataDir);
  }
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
      const few = await runOne(engine, small, adminHash, postgres?.url);
      const many = await runOne(engine, large, adminHash, postgres?.url);
      report(engine, few.results, many.results);
      for (const [name, plan] of Object.entries(many.plans ?? {})) {
        console.log(`\n${engine} plan, ${name}:\n${plan}`);
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
    const ratio = b.ms / a.ms;
    const mark = ratio <= TARGET ? "✔" : "✘";
    console.log(
      `  ${route.name.padEnd(32)} ${a.ms.toFixed(1).padStart(7)} ${b.ms.toFixed(1).padStart(8)}  ×${ratio.toFixed(2)} ${mark} (target ≤ ${TARGET}×) ${b.note}`,
    );
  }
}

await main();
