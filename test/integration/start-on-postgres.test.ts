// Several instances share one PostgreSQL database, so their secrets must be given, never generated:
// every way of starting the app on PostgreSQL without them stops at once with one clear line,
// before it builds, connects or writes anything.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const projectRoot = path.resolve(import.meta.dirname, "..", "..");
const tsx = path.join(projectRoot, "node_modules", ".bin", "tsx");
const scratch = mkdtempSync(path.join(os.tmpdir(), "appmail-start-pg-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Nothing listens on port 1: a run that got as far as connecting would fail differently.
const DATABASE_URL = "postgresql://appmail@127.0.0.1:1/appmail";
const SECRET = "a-session-secret-long-enough-to-be-valid-0123";
const KEY = Buffer.alloc(32, 7).toString("base64");

type Run = { code: number | null; stdout: string; stderr: string; dataDir: string };

function start(args: string[], secrets: Record<string, string>): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith("APPMAIL_") || name === "NEXTAUTH_SECRET") delete env[name];
  }
  const dataDir = mkdtempSync(path.join(scratch, "data-"));
  Object.assign(env, { APPMAIL_DATA_DIR: dataDir, DATABASE_URL, ...secrets });
  return new Promise((resolve) => {
    execFile(tsx, args, { cwd: projectRoot, env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ code, stdout, stderr, dataDir });
    });
  });
}

/** What every failed start must look like: exit 1, one line naming both secrets, nothing written. */
function expectOneLineRefusal(run: Run, secrets: Record<string, string>) {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe("");
  const lines = run.stderr.split("\n").filter(Boolean);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(
    /^appmail: On PostgreSQL, set NEXTAUTH_SECRET and APPMAIL_ENCRYPTION_KEY explicitly/,
  );
  // A secret that was given is not repeated.
  for (const value of Object.values(secrets)) expect(run.stderr).not.toContain(value);
  // Nothing was generated in the data folder.
  expect(readdirSync(run.dataDir)).toEqual([]);
}

describe("starting on a postgresql:// DATABASE_URL without explicit secrets", () => {
  it.each([
    // What `npm start` runs, without the npm wrapper.
    ["npm start", ["scripts/start.ts"]],
    ["the server alone", ["server.ts"]],
    ["the command-line tool", ["--conditions", "react-server", "cli/appmail.ts", "settings:show"]],
  ])("%s exits 1 with one line naming both secrets", async (_, args) => {
    expectOneLineRefusal(await start(args, {}), {});
  });

  it.each([
    ["APPMAIL_ENCRYPTION_KEY", { NEXTAUTH_SECRET: SECRET }],
    ["NEXTAUTH_SECRET", { APPMAIL_ENCRYPTION_KEY: KEY }],
  ])("npm start with only %s missing is refused the same way", async (_, secrets) => {
    expectOneLineRefusal(await start(["scripts/start.ts"], secrets), secrets);
  });
});
