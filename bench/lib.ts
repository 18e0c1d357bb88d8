// Shared pieces of the benchmark (bench/run.ts) and the soak test (bench/soak.ts): a throwaway
// server on 127.0.0.1, seeding, a small cookie-keeping HTTP client, and the sign-in flows as a
// browser performs them (next-auth's credentials POST, then Next.js server actions).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { generate } from "otplib";
import { buildIfNeeded } from "../scripts/build";

export const root = path.resolve(import.meta.dirname, "..");
export const DIST_DIR = process.env.BENCH_DIST_DIR || ".next-bench";
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

// ---------------------------------------------------------------------------------------------
// Small helpers

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function latencySummary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function log(message: string) {
  process.stderr.write(`bench: ${message}\n`);
}

/** The 6-digit code an authenticator app shows for a time-step (same parameters as lib/totp). */
export function totpCodeForStep(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: step * 30, algorithm: "sha1", digits: 6, period: 30 });
}

export function currentStep(now = Date.now()): number {
  return Math.floor(now / 1000 / 30);
}

// ---------------------------------------------------------------------------------------------
// Server lifecycle

export type BenchEnv = NodeJS.ProcessEnv;

/** A fresh data folder and the environment of a throwaway instance on 127.0.0.1. */
export function benchEnvironment(port: number): { env: BenchEnv; dataDir: string } {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "appmail-bench-"));
  const env: BenchEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    HOSTNAME: "127.0.0.1",
    APPMAIL_DATA_DIR: dataDir,
    NEXT_DIST_DIR: DIST_DIR,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  // The benchmark always runs on its own embedded database, never on a configured one.
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_SECRET;
  delete env.APPMAIL_ENCRYPTION_KEY;
  delete env.APPMAIL_PREVIOUS_ENCRYPTION_KEYS;
  delete env.APPMAIL_TRUSTED_PROXY_HOPS;
  return { env, dataDir };
}

/** Prepares the database (migrations) the way `npm start` does. */
export function prepareDatabase(env: BenchEnv) {
  execFileSync(bin("tsx"), [path.join(root, "scripts", "prepare.ts")], {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/** Builds into the bench build folder when the sources are newer (the rule of `npm start`). */
export function buildBenchIfNeeded(env: BenchEnv) {
  return buildIfNeeded(DIST_DIR, {
    env,
    quiet: !process.env.BENCH_VERBOSE,
    announce: () => log(`building the app into ${DIST_DIR} (next build)…`),
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type RunningServer = {
  process: ChildProcess;
  pid: number;
  baseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * Starts server.ts (what scripts/start.ts imports after preparing and building) in a node
 * process of its own, so that its pid is the server's and /proc/<pid> describes it.
 */
export async function startServer(
  env: BenchEnv,
  port: number,
  nodeFlags: string[] = [],
): Promise<RunningServer> {
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", "server.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += String(chunk)));
  child.stderr!.on("data", (chunk) => (output += String(chunk)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy in 60 s:\n${output}`);
    }
    await sleep(200);
  }
  return {
    process: child,
    pid: child.pid!,
    baseUrl,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

export function removeDataDir(dataDir: string) {
  if (!process.env.BENCH_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
}

export type SeededAccount = { id: string; email: string; name: string; secret: string | null };
export type SeedFile = { password: string; passwordHash: string; accounts: SeededAccount[] };

/** Runs bench/seed.ts (the app's own modules) against the data folder. */
export function seed(env: BenchEnv, dataDir: string, accounts: number, enrolled = 1): SeedFile {
  const out = path.join(dataDir, "bench-accounts.json");
  execFileSync(
    bin("tsx"),
    [
      "--conditions",
      "react-server",
      path.join(root, "bench", "seed.ts"),
      "--accounts",
      String(accounts),
      "--enrolled",
      String(enrolled),
      "--out",
      out,
    ],
    { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] },
  );
  return JSON.parse(readFileSync(out, "utf8")) as SeedFile;
}

// ---------------------------------------------------------------------------------------------
// /proc: memory and CPU of the server process

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

/** VmHWM (peak resident set) in MiB. */
/** The server's processes: the one started and, with APPMAIL_WORKERS above 1, its workers. */
export function serverPids(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    return [pid, ...children.split(/\s+/).filter(Boolean).map(Number)];
  } catch {
    return [pid];
  }
}

/** Peak resident memory of the server: the sum of each of its processes' peaks. */
export function peakRssMiB(pid: number): number {
  const kb = serverPids(pid)
    .map((each) => Number.parseInt(procStatus(each).VmHWM ?? "", 10) || 0)
    .reduce((a, b) => a + b, 0);
  return Math.round((kb / 1024) * 10) / 10;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/**
 * CPU seconds used so far by the server's processes and by their main (JavaScript) threads;
 * `mainThread` is the sum over the processes (one main thread per worker).
 */
export function cpuSeconds(pid: number): { total: number; mainThread: number } {
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

// ---------------------------------------------------------------------------------------------
// HTTP client with a cookie jar

export type HttpResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  ms: number;
  text: () => string;
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024, keepAliveMsecs: 1000 });

export class Client {
  /** Sees every response (the soak test counts server errors with it). */
  static observer: ((method: string, pathname: string, status: number) => void) | undefined;
  /** Called as each request starts (the benchmark's per-request CPU breakdown uses it). */
  static onStart: ((method: string, pathname: string) => void) | undefined;
  readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private storeCookies(setCookie: string[] | undefined) {
    for (const line of setCookie ?? []) {
      const [pair, ...attributes] = line.split(";");
      const index = pair!.indexOf("=");
      if (index <= 0) continue;
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key, val] = attribute.trim().split("=");
        if (key?.toLowerCase() === "max-age") return Number(val) <= 0;
        if (key?.toLowerCase() === "expires") return Date.parse(val ?? "") <= Date.now();
        return false;
      });
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  request(
    method: string,
    pathname: string,
    options: { headers?: Record<string, string>; body?: string | Buffer } = {},
  ): Promise<HttpResponse> {
    const url = new URL(pathname, this.baseUrl);
    const headers: Record<string, string> = {
      "user-agent": "appmail-bench/1",
      "accept-encoding": "gzip",
      ...options.headers,
    };
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    if (options.body !== undefined)
      headers["content-length"] = String(Buffer.byteLength(options.body));
    Client.onStart?.(method, pathname);
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const ms = performance.now() - started;
            Client.observer?.(method, pathname, response.statusCode ?? 0);
            this.storeCookies(response.headers["set-cookie"]);
            const raw = Buffer.concat(chunks);
            let decoded: Buffer | undefined;
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: raw,
              ms,
              text: () => {
                decoded ??= response.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
                return decoded.toString("utf8");
              },
            });
          });
          response.on("error", reject);
        },
      );
      request.setTimeout(60_000, () => request.destroy(new Error(`timeout ${method} ${pathname}`)));
      request.on("error", reject);
      if (options.body !== undefined) request.write(options.body);
      request.end();
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Server actions: ids from the build's manifest, and the wire format React 19 / Next 16 use

export type ActionIds = {
  verifyLoginCode: string;
  startTwoFactorSetup: string;
  enableTwoFactorAction: string;
  signOut: string;
};

export function readActionIds(): ActionIds {
  const manifest = JSON.parse(
    readFileSync(path.join(root, DIST_DIR, "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { filename: string; exportedName: string }> };
  const find = (filename: string, exportedName: string) => {
    const entry = Object.entries(manifest.node).find(
      ([, value]) => value.filename === filename && value.exportedName === exportedName,
    );
    if (!entry) throw new Error(`server action ${filename}#${exportedName} not in the manifest`);
    return entry[0];
  };
  return {
    verifyLoginCode: find("app/(public)/login/verify/actions.ts", "verifyLoginCode"),
    startTwoFactorSetup: find("components/two-factor/actions.ts", "startTwoFactorSetup"),
    enableTwoFactorAction: find("components/two-factor/actions.ts", "enableTwoFactorAction"),
    signOut: find("components/sign-out/actions.ts", "signOut"),
  };
}

/** The Next-Router-State-Tree header a browser sends from a page (segments of its route). */
function routerStateTree(segments: string[]): string {
  let tree: unknown = ["__PAGE__", {}, null, null, 0];
  for (const segment of [...segments].reverse())
    tree = [segment, { children: tree }, null, null, 0];
  const top = ["", { children: tree }, null, null, 16];
  return encodeURIComponent(JSON.stringify(top));
}

const ROUTE_SEGMENTS: Record<string, string[]> = {
  "/login/verify": ["(public)", "login", "verify"],
  "/customer": ["(customer)", "customer"],
  "/customer/account": ["(customer)", "customer", "account"],
};

/**
 * Posts a server action as React does from a form. A useActionState form sends multipart form
 * data: its fields prefixed "_1_" and field "0" = [previousState, "$K1"]; a plain form action
 * with no fields sends the JSON text "[]". Captured from Chromium against this app (Next 16.4).
 */
export function postAction(
  client: Client,
  page: string,
  actionId: string,
  form?: { previousState: unknown; fields: Record<string, string> },
): Promise<HttpResponse> {
  const headers: Record<string, string> = {
    accept: "text/x-component",
    "next-action": actionId,
    "next-router-state-tree": routerStateTree(ROUTE_SEGMENTS[page] ?? []),
    origin: client.baseUrl,
    referer: new URL(page, client.baseUrl).href,
  };
  if (!form) {
    return client.request("POST", page, {
      headers: { ...headers, "content-type": "text/plain;charset=UTF-8" },
      body: "[]",
    });
  }
  const boundary = `----AppMailBench${Math.random().toString(36).slice(2)}`;
  const parts = Object.entries(form.fields).map(([name, value]) => [`_1_${name}`, value]);
  parts.push(["0", JSON.stringify([form.previousState, "$K1"])]);
  const body =
    parts
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join("") + `--${boundary}--\r\n`;
  return client.request("POST", page, {
    headers: { ...headers, "content-type": `multipart/form-data; boundary=${boundary}` },
    body,
  });
}

/** Where a server action sent the browser ("/customer;push" → "/customer"), if anywhere. */
export function actionRedirect(response: HttpResponse): string | null {
  const header = response.headers["x-action-redirect"];
  const value = Array.isArray(header) ? header[0] : header;
  if (value) return value.split(";")[0]!;
  if (response.status === 303 || response.status === 307) {
    return String(response.headers.location ?? "") || null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The flows

export class FlowError extends Error {
  constructor(
    readonly step: string,
    message: string,
    readonly status?: number,
  ) {
    super(`${step}: ${message}`);
  }
}

export type Timings = Record<string, number>;

function expectStatus(step: string, response: HttpResponse, ...allowed: number[]) {
  if (!allowed.includes(response.status)) {
    throw new FlowError(step, `HTTP ${response.status}`, response.status);
  }
}

/**
 * Step 1 as login-form.tsx does it with next-auth's client: the login page, the CSRF token,
 * then the credentials POST (json=true). Leaves the session cookie in the client.
 */
export async function passwordStep(
  client: Client,
  email: string,
  password: string,
  timings: Timings,
) {
  const page = await client.request("GET", "/login", { headers: { accept: "text/html" } });
  timings.loginPage = page.ms;
  expectStatus("GET /login", page, 200);
  const csrf = await client.request("GET", "/api/auth/csrf", {
    headers: { "content-type": "application/json" },
  });
  timings.csrf = csrf.ms;
  expectStatus("GET /api/auth/csrf", csrf, 200);
  const { csrfToken } = JSON.parse(csrf.text()) as { csrfToken: string };
  const credentials = await client.request("POST", "/api/auth/callback/credentials", {
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-auth-return-redirect": "1",
      origin: client.baseUrl,
    },
    body: new URLSearchParams({
      email,
      password,
      redirect: "false",
      csrfToken,
      callbackUrl: `${client.baseUrl}/login`,
      json: "true",
    }).toString(),
  });
  timings.credentials = credentials.ms;
  expectStatus("POST credentials", credentials, 200);
  const { url } = JSON.parse(credentials.text()) as { url?: string };
  if (!url || url.includes("error=") || url.includes("csrf=true")) {
    throw new FlowError("POST credentials", `sign-in refused (${url})`);
  }
  if (!client.cookies.has("next-auth.session-token")) {
    throw new FlowError("POST credentials", "no session cookie");
  }
}

/** A page as the signed-in browser loads it (HTML). */
export async function getPage(client: Client, pathname: string, step: string, timings: Timings) {
  const response = await client.request("GET", pathname, { headers: { accept: "text/html" } });
  timings[step] = response.ms;
  return response;
}

/** Step 2: the verify page, then its server action with a code. Returns the action response. */
export async function codeStep(
  client: Client,
  actions: ActionIds,
  code: string,
  timings: Timings,
  loadPage = true,
) {
  if (loadPage) {
    const page = await getPage(client, "/login/verify", "verifyPage", timings);
    expectStatus("GET /login/verify", page, 200);
  }
  const response = await postAction(client, "/login/verify", actions.verifyLoginCode, {
    previousState: { status: "idle" },
    fields: { method: "code", code },
  });
  timings.step2 = response.ms;
  return response;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** True when the HTML is the signed-in customer dashboard of this account. */
export function isDashboardOf(html: string, name: string) {
  return (
    /<h1[^>]*>Dashboard<\/h1>/.test(html) &&
    new RegExp(`Welcome, (<!-- -->)?${escapeRegExp(name)}`).test(html)
  );
}

/** The value of the input labelled "Setup key" on an account page. */
export function setupKeyFrom(html: string): string | null {
  const label = /<label[^>]*for="([^"]+)"[^>]*>\s*Setup key\s*<\/label>/.exec(html);
  if (!label) return null;
  const input = new RegExp(`<input[^>]*id="${escapeRegExp(label[1]!)}"[^>]*>`).exec(html);
  const value = input && /value="([^"]*)"/.exec(input[0]);
  return value ? value[1]!.replace(/\s+/g, "") : null;
}
