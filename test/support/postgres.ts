import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..", "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}

/** A program of the newest PostgreSQL installed (Debian keeps them per version, off the PATH). */
export function postgresBin(program: string): string {
  const bin = execFileSync(
    "bash",
    ["-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1"],
    { encoding: "utf8" },
  ).trim();
  return path.join(bin, program);
}

/**
 * A PostgreSQL server for a test run: APPMAIL_TEST_POSTGRES_URL when given, otherwise a throwaway
 * cluster on loopback (installing Debian's postgresql when missing), which `stop()` stops and
 * removes.
 */
export async function startPostgres(): Promise<{ url: string; stop: () => void }> {
  if (process.env.APPMAIL_TEST_POSTGRES_URL) {
    return { url: process.env.APPMAIL_TEST_POSTGRES_URL, stop: () => undefined };
  }
  const folder = mkdtempSync(path.join(os.tmpdir(), "appmail-pg-"));
  const port = await freePort();
  const url = execFileSync(
    path.join(root, "scripts", "throwaway-postgres.sh"),
    [folder, String(port)],
    {
      encoding: "utf8",
    },
  ).trim();
  const stop = () => {
    execFileSync(
      "runuser",
      [
        "-u",
        "postgres",
        "--",
        postgresBin("pg_ctl"),
        "-D",
        `${folder}/data`,
        "-m",
        "immediate",
        "stop",
      ],
      { stdio: "ignore" },
    );
    rmSync(folder, { recursive: true, force: true });
  };
  return { url, stop };
}

/** A fresh, empty database on the server; returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}"`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database made by `createDatabase`, ending any session still connected to it. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
