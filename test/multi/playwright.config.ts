import { defineConfig } from "@playwright/test";
import { TEST_BROWSER } from "../../scripts/test-prerequisites";

// Several instances behind nginx over one PostgreSQL; see global-setup.ts.
export default defineConfig({
  testDir: ".",
  testMatch: /\.spec\.ts$/,
  globalSetup: "./global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
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
});
