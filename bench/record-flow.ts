// `npx tsx bench/record-flow.ts`: signs in once with a real Chromium (Playwright) against a
// throwaway instance and writes the requests it made to bench/flow.json, the flow the benchmark
// replays (bench/lib/replay.ts). Run it on demand when the sign-in's pages change; the smoke test
// checks that the benchmark's flow still equals the recording. `--out FILE` writes elsewhere.
// `--floor` signs in to the floor instead and only compares: exit 1 unless the browser made the
// same requests there (method, path, kind) as in bench/flow.json.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Request } from "playwright-core";
import { buildFloorIfNeeded, floorEnvironment } from "./lib/floor";
import { currentStep, totpCodeForStep } from "./lib/flows";
import { log } from "./lib/log";
import {
  classifyRequest,
  recordedFlow,
  requestKey,
  type RecordedFlow,
  type RecordedRequest,
} from "./lib/recorded-flow";
import {
  freePort,
  prepareInstance,
  removeDataDir,
  startServer,
  type SeededAccount,
} from "./lib/server";

const { values } = parseArgs({
  options: { out: { type: "string" }, floor: { type: "boolean", default: false } },
});
const out = path.resolve(values.out ?? path.join(import.meta.dirname, "flow.json"));

/** Every request of one Chromium sign-in, from GET /login to the dashboard shown. */
async function recordSignIn(baseUrl: string, account: SeededAccount, password: string) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  });
  try {
    const context = await browser.newContext({ baseURL: baseUrl });
    const page = await context.newPage();
    const requests: { request: Request; status?: number }[] = [];
    page.on("request", (request) => requests.push({ request }));
    page.on("response", (response) => {
      const entry = requests.find((each) => each.request === response.request());
      if (entry) entry.status = response.status();
    });
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/\/login\/verify$/);
    const code = page.getByLabel("Authentication code", { exact: true });
    await code.fill(await totpCodeForStep(account.secret!, currentStep()));
    await page.getByRole("button", { name: "Verify", exact: true }).click();
    await page.waitForURL(/\/customer$/);
    await page.getByRole("heading", { name: "Dashboard", level: 1 }).waitFor();
    await page.waitForLoadState("networkidle");
    // The router prefetches the dashboard's links when the browser is idle: give it time to.
    await page.waitForTimeout(2000);
    await page.waitForLoadState("networkidle");
    const all: RecordedRequest[] = await Promise.all(
      requests.map(async ({ request, status }) => ({
        ...classifyRequest(
          request.method(),
          new URL(request.url()),
          request.resourceType(),
          await request.allHeaders(),
        ),
        status: status ?? 0,
      })),
    );
    return { chromium: browser.version(), all };
  } finally {
    await browser.close();
  }
}

async function main() {
  const { env, port, dataDir, seeded } = await prepareInstance("", 2, 1);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    if (values.floor) {
      buildFloorIfNeeded(env);
      const floorPort = await freePort();
      server = await startServer(
        floorEnvironment(env, floorPort, 1, seeded.passwordHash),
        floorPort,
        [],
        "bench/floor/server.ts",
      );
    } else {
      server = await startServer(env, port);
    }
    const { chromium, all } = await recordSignIn(
      server.baseUrl,
      seeded.accounts[0]!,
      seeded.password,
    );
    const requests = all.filter((each) => each.kind !== "asset");
    for (const each of requests) log(`  ${each.method} ${each.path} ${each.kind} ${each.status}`);
    if (values.floor) {
      const same =
        JSON.stringify(requests.map(requestKey)) ===
        JSON.stringify(recordedFlow().requests.map(requestKey));
      log(same ? "the floor's flow is the app's" : "the floor's flow differs from bench/flow.json");
      process.exitCode = same ? 0 : 1;
      return;
    }
    const flow: RecordedFlow = {
      note: "Written by bench/record-flow.ts: a Chromium sign-in (password, then a TOTP code) from GET /login to the dashboard. The benchmark replays `requests`; `assets` are the static files the browser loaded (cached after the first sign-in, not replayed).",
      recordedWith: { chromium, next: nextVersion() },
      requests,
      assets: all.filter((each) => each.kind === "asset").map((each) => each.path),
    };
    writeFileSync(out, JSON.stringify(flow, null, 2) + "\n");
    log(`${requests.length} requests (and ${flow.assets.length} assets) written to ${out}`);
  } finally {
    await server?.stop();
    removeDataDir(dataDir);
  }
}

function nextVersion(): string {
  const file = path.join(import.meta.dirname, "..", "node_modules", "next", "package.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

await main();
