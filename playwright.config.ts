import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.APPMAIL_TEST_PORT ?? 3210);
// localhost, not 127.0.0.1: WebAuthn refuses an IP address as the relying party (passkeys.spec.ts).
const baseURL = `http://localhost:${port}`;

// A fresh database every run. The config is evaluated again in each worker process; the
// environment variable makes the workers (and the CLI helper) use the same folder.
process.env.APPMAIL_TEST_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "appmail-browser-"));
const dataDir = process.env.APPMAIL_TEST_DATA_DIR;

export default defineConfig({
  testDir: "test/browser",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL,
    // Off: recording costs about 15 % of the suite's CPU, and CI keeps only the text output.
    // `npx playwright test --trace retain-on-failure` records them (test/support/README.md).
    trace: "off",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
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
  webServer: {
    command: "npm start",
    url: `${baseURL}/api/health`,
    env: {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      HOST: "127.0.0.1",
      APPMAIL_DATA_DIR: dataDir,
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
  },
});
