// The browser suite's servers: one per worker, each with a database of its own. The instance's
// settings are shared state (a test switches 2FA off, another counts on it on), so two workers
// never share a server. Worker N (Playwright's parallel index, TEST_PARALLEL_INDEX) uses port
// APPMAIL_TEST_PORT + N and the data folder server-N of the run's folder.
import path from "node:path";

export type TestServer = { index: number; url: string; port: number; dataDir: string };

/** How many workers, and so servers: APPMAIL_TEST_WORKERS, default 2 (CI's two cores). */
export const testWorkers = Math.max(1, Number(process.env.APPMAIL_TEST_WORKERS ?? 2));

const firstPort = Number(process.env.APPMAIL_TEST_PORT ?? 3210);

/** Server `index` of the run whose folder is `runDir`. */
export function testServer(runDir: string, index: number): TestServer {
  const port = firstPort + index;
  // localhost, not 127.0.0.1: WebAuthn refuses an IP address as the relying party.
  return {
    index,
    port,
    url: `http://localhost:${port}`,
    dataDir: path.join(runDir, `server-${index}`),
  };
}

/** Every server of the run (the setup project prepares each one). */
export function testServers(runDir: string): TestServer[] {
  return Array.from({ length: testWorkers }, (_, index) => testServer(runDir, index));
}

/** The server of this worker (the first one in Playwright's main process). */
export function ownServer(runDir: string): TestServer {
  const servers = testServers(runDir);
  return servers[Number(process.env.TEST_PARALLEL_INDEX ?? 0)] ?? servers[0]!;
}

/** The run's folder, set by playwright.config.ts before any worker starts. */
export function testRunDir(): string {
  const runDir = process.env.APPMAIL_TEST_RUN_DIR;
  if (!runDir) throw new Error("APPMAIL_TEST_RUN_DIR is not set: run through playwright.config.ts");
  return runDir;
}
