// The soak test's view of the database it ran on, SQLite or PostgreSQL, for the checks after the
// run (bench/lib/soak-accounts.ts): read-only queries, the rows per table and an integrity check.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { createDatabase, startPostgres } from "../../test/support/postgres";

export type Engine = "sqlite" | "postgresql";

export type SoakDatabase = {
  engine: Engine;
  /** Rows of a read-only query; numbers come back as numbers, truth values as 0 or 1. */
  query: <T>(sql: string) => Promise<T[]>;
  /** "ok", or what the engine's own check found. */
  integrity: () => Promise<string>;
  tableRowCounts: () => Promise<Record<string, number>>;
  close: () => Promise<void>;
};

const normalise = (row: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      typeof value === "boolean"
        ? Number(value)
        : typeof value === "bigint"
          ? Number(value)
          : value,
    ]),
  );

export async function openSoakDatabase(engine: Engine, target: string): Promise<SoakDatabase> {
  if (engine === "sqlite") {
    const sqlite = new Database(target, { readonly: true });
    const query = async <T>(sql: string) => sqlite.prepare(sql).all() as T[];
    return {
      engine,
      query,
      integrity: async () =>
        (await query<{ integrity_check: string }>("PRAGMA integrity_check"))
          .map((row) => row.integrity_check)
          .join("; "),
      tableRowCounts: async () => {
        const tables = await query<{ name: string }>(
          `SELECT name FROM sqlite_master WHERE type = 'table'
           AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_prisma%' ESCAPE '\\' ORDER BY name`,
        );
        return counts(
          query,
          tables.map((t) => t.name),
        );
      },
      close: async () => void sqlite.close(),
    };
  }
  const client = new pg.Client({ connectionString: target });
  // COUNT(*) is a bigint: read it as a number (the soak's counts are small).
  client.setTypeParser(20, (value: string) => Number(value));
  await client.connect();
  const query = async <T>(sql: string) =>
    (await client.query(sql)).rows.map((row) => normalise(row)) as T[];
  return {
    engine,
    query,
    // Every B-tree index checked against its table by amcheck (heap and index agree).
    integrity: async () => {
      await client.query("CREATE EXTENSION IF NOT EXISTS amcheck");
      const indexes = await query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam
         WHERE n.nspname = 'public' AND a.amname = 'btree'`,
      );
      for (const { name } of indexes) {
        await client.query(`SELECT bt_index_check('"${name}"'::regclass, true)`);
      }
      return indexes.length > 0 ? "ok" : "no index found";
    },
    tableRowCounts: async () => {
      const tables = await query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'
         AND tablename NOT LIKE '\\_prisma%' ORDER BY tablename`,
      );
      return counts(
        query,
        tables.map((t) => t.name),
      );
    },
    close: () => client.end(),
  };
}

async function counts(
  query: <T>(sql: string) => Promise<T[]>,
  tables: string[],
): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const name of tables) {
    result[name] = (await query<{ n: number }>(`SELECT COUNT(*) AS n FROM "${name}"`))[0]!.n;
  }
  return result;
}

/**
 * A PostgreSQL database of its own for one soak or benchmark run, with the secrets the app needs
 * there (on SQLite it keeps its own in the data folder): on SOAK_POSTGRES_URL's server (the
 * benchmark's: BENCH_POSTGRES_URL; or APPMAIL_TEST_POSTGRES_URL's), else on a throwaway cluster on
 * loopback (scripts/throwaway-postgres.sh) that `stop()` removes.
 */
export async function runPostgres(purpose: "soak" | "bench"): Promise<{
  url: string;
  secrets: Record<string, string>;
  /** The server's own process (the postmaster), when it runs on this machine. */
  serverPid?: number;
  stop: () => void;
}> {
  const configured = process.env[`${purpose.toUpperCase()}_POSTGRES_URL`];
  if (configured) process.env.APPMAIL_TEST_POSTGRES_URL ??= configured;
  const server = await startPostgres();
  const url = await createDatabase(server.url, `appmail_${purpose}_${process.pid}`);
  const secrets = {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    APPMAIL_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  return { url, secrets, serverPid: await postmasterPid(url), stop: server.stop };
}

/** The parent of this connection's backend process, the postmaster, if /proc shows it here. */
async function postmasterPid(url: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    // /proc/<pid>/stat: "pid (comm) state ppid …"; the name may hold spaces, not a ")".
    const stat = readFileSync(`/proc/${rows[0]!.pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return ppid > 1 ? ppid : undefined;
  } catch {
    return undefined;
  } finally {
    await client.end();
  }
}
