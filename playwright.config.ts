import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { TEST_BROWSER } from "./scripts/test-prerequisites";
import { ownServer, testServers, testWorkers } from "./test/support/test-servers";

// Fresh databases every run, one per worker's server (test/support/test-servers.ts). The config
// is evaluated again in each worker process; the environment variable makes the workers use the
// same run folder.
process.env.APPMAIL_TEST_RUN_DIR ??= mkdtempSync(path.join(os.tmpdir(), "appmail-browser-"));
const servers = testServers(process.env.APPMAIL_TEST_RUN_DIR);
for (const server of servers) mkdirSync(server.dataDir, { recursive: true });
// In a worker, its own server: the pages it opens, and the database the helpers read and the CLI
// writes (APPMAIL_TEST_DATA_DIR). In the main process, the first.
const own = ownServer(process.env.APPMAIL_TEST_RUN_DIR);
process.env.APPMAIL_TEST_DATA_DIR = own.dataDir;

export default defineConfig({
  testDir: "test/browser",
  fullyParallel: false,
  workers: testWorkers,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL: own.url,
    // Off: recording costs about 15 % of the suite's CPU, and CI keeps only the text output.
    // `npx playwright test --trace retain-on-failure` records them (test/support/README.md).
    trace: "off",
    launchOptions: {
      executablePath: TEST_BROWSER,
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /setup\.spec\.ts/ },
    { name: "chromium", testIgnore: /setup\.spec\.ts/, dependencies: ["setup"] },
  ],
  // Started one after another: the first builds when the sources are newer than the build.
  webServer: servers.map((server) => ({
    command: "npm start",
    url: `${server.url}/api/health`,
    env: {
      PORT: String(server.port),
      HOSTNAME: "127.0.0.1",
      HOST: "127.0.0.1",
      APPMAIL_DATA_DIR: server.dataDir,
      NEXTAUTH_URL: server.url,
      NEXT_TELEMETRY_DISABLED: "1",
      // The pseudo-locale en-XA, for test/browser/languages-pseudo.spec.ts (docs/architecture.md,
      // "Languages").
      APPMAIL_PSEUDO_LOCALE: "1",
    },
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe" as const,
  })),
});
