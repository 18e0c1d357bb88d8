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

/**
 * A fresh database on the server, empty or a copy of `template` (a database nobody is connected
 * to, such as the run's migrated template from postgres-setup.ts); returns its URL.
 */
export async function createDatabase(
  serverUrl: string,
  name: string,
  template?: string,
): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}"`);
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Makes `name` on the server with every migration applied, then closes it to connections (any
 * session still there is ended and waited for), so that `createDatabase(…, name)` can clone it:
 * PostgreSQL refuses to copy a template that has a session open.
 */
export async function createTemplateDatabase(
  serverUrl: string,
  name: string,
  migrate: (url: string) => Promise<unknown>,
): Promise<void> {
  const url = await createDatabase(serverUrl, name);
  await migrate(url);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
    await client.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [name],
    );
    // A test clone now: CREATE DATABASE fails (after its own 5 s of retries) if a session is
    // still open on the template, and this says so here rather than in the first test file.
    await client.query(`CREATE DATABASE "${name}_check" TEMPLATE "${name}"`);
    await client.query(`DROP DATABASE "${name}_check"`);
  } finally {
    await client.end();
  }
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
