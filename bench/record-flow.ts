// `npx tsx bench/record-flow.ts`: signs in once with a real Chromium (Playwright) against a
// throwaway instance and writes the requests it made to bench/flow.json, the flow the benchmark
// replays (bench/lib/flows.ts). Run it on demand when the sign-in's pages change; the smoke test
// checks that the benchmark's flow still equals the recording. `--out FILE` writes elsewhere.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Request } from "playwright-core";
import { currentStep, totpCodeForStep } from "./lib/flows";
import { log } from "./lib/log";
import { classifyRequest, type RecordedFlow, type RecordedRequest } from "./lib/recorded-flow";
import { prepareInstance, removeDataDir, startServer } from "./lib/server";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const out = path.resolve(values.out ?? path.join(import.meta.dirname, "flow.json"));

async function main() {
  const { env, port, dataDir, seeded } = await prepareInstance("", 2, 1);
  const server = await startServer(env, port);
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  });
  try {
    const account = seeded.accounts[0]!;
    const context = await browser.newContext({ baseURL: server.baseUrl });
    const page = await context.newPage();
    const requests: { request: Request; status?: number }[] = [];
    page.on("request", (request) => requests.push({ request }));
    page.on("response", (response) => {
      const entry = requests.find((each) => each.request === response.request());
      if (entry) entry.status = response.status();
    });
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill(seeded.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/\/login\/verify$/);
    const code = await page.getByLabel("Authentication code", { exact: true });
    await code.fill(await totpCodeForStep(account.secret!, currentStep()));
    await page.getByRole("button", { name: "Verify", exact: true }).click();
    await page.waitForURL(/\/customer$/);
    await page.getByRole("heading", { name: "Dashboard", level: 1 }).waitFor();
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
    const flow: RecordedFlow = {
      note: "Written by bench/record-flow.ts: a Chromium sign-in (password, then a TOTP code) from GET /login to the dashboard. The benchmark replays `requests`; `assets` are the static files the browser loaded (cached after the first sign-in, not replayed).",
      recordedWith: { chromium: browser.version(), next: nextVersion() },
      requests: all.filter((each) => each.kind !== "asset"),
      assets: all.filter((each) => each.kind === "asset").map((each) => each.path),
    };
    writeFileSync(out, JSON.stringify(flow, null, 2) + "\n");
    log(`${flow.requests.length} requests (and ${flow.assets.length} assets) written to ${out}:`);
    for (const each of flow.requests)
      log(`  ${each.method} ${each.path} ${each.kind} ${each.status}`);
  } finally {
    await browser.close();
    await server.stop();
    removeDataDir(dataDir);
  }
}

function nextVersion(): string {
  const file = path.join(import.meta.dirname, "..", "node_modules", "next", "package.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

await main();
