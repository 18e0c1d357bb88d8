// The users list's and "Protection by role"'s statements as each engine plans them over the seeded accounts: EXPLAIN QUERY
// PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL (bench/README.md, "Accounts").
import Database from "better-sqlite3";
import pg from "pg";
import { accountListQuery } from "../../lib/users/account-list-query";
import {
  type Engine,
  pageRowsStatement,
  pageStartStatement,
} from "../../lib/users/account-list-sql";
import { PROTECTION_BY_ROLE } from "../../lib/security-overview/protection-sql";
import { Prisma } from "../../lib/db/generated/client";
import { benchEmail } from "./account-seed";

// "Protection by role"'s passkey holders as they were counted before the count on the account
// (migration 20261208040000_passkey_count): kept to show the difference on the same data.
const FORMER_PASSKEY_HOLDERS = Prisma.sql`
  SELECT u."role" AS "role", COUNT(*) AS "passkey",
    SUM(CASE WHEN u."totpEnabledAt" IS NULL THEN 1 ELSE 0 END) AS "only"
  FROM (SELECT DISTINCT p."userId" FROM "Passkey" p) k JOIN "User" u ON u."id" = k."userId"
  WHERE u."deactivatedAt" IS NULL GROUP BY u."role"`;

const engineOf = (databaseUrl: string): Engine =>
  databaseUrl.startsWith("file:") ? "sqlite" : "postgresql";

// The searches: one account matches "000042@"; "smith" is in a ninth of the names; "42" is too
// short for a trigram index (docs/architecture.md, "The users list").
const search = (q: string, engine: Engine) =>
  pageRowsStatement(accountListQuery({ q }), engine, null);

const queries = (engine: Engine) => ({
  "page 2,000: its first email": pageStartStatement(accountListQuery({ page: "2000" }), engine),
  "page 2,000: its rows": pageRowsStatement(
    accountListQuery({ page: "2000" }),
    engine,
    benchEmail(99950),
  ),
  "Two-factor Enabled, page 200: its first email": pageStartStatement(
    accountListQuery({ page: "200", twoFactor: "enabled" }),
    engine,
  ),
  "Admins, page 10: its first email": pageStartStatement(
    accountListQuery({ page: "10", role: "admin" }),
    engine,
  ),
  "search, page 1": search("000042@", engine),
  "search of a common part, page 1": search("smith", engine),
  "search of 2 characters, page 1": search("42", engine),
  "Protection by role": PROTECTION_BY_ROLE,
  "Protection by role, the former passkey holders' join": FORMER_PASSKEY_HOLDERS,
});

/** "Protection by role" runs without a parallel worker on PostgreSQL, as the app runs it. */
async function serialFor(client: pg.Client, name: string) {
  const serial = name === "Protection by role";
  await client.query(
    serial ? "SET max_parallel_workers_per_gather = 0" : "RESET max_parallel_workers_per_gather",
  );
}

export async function queryPlans(databaseUrl: string): Promise<Record<string, string>> {
  const plans: Record<string, string> = {};
  if (engineOf(databaseUrl) === "sqlite") {
    const sqlite = new Database(databaseUrl.slice(5), { readonly: true });
    for (const [name, statement] of Object.entries(queries("sqlite"))) {
      const rows = sqlite
        .prepare(`EXPLAIN QUERY PLAN ${statement.sql}`)
        .all(...(statement.values as unknown[])) as {
        id: number;
        parent: number;
        detail: string;
      }[];
      const depth = new Map<number, number>([[0, -1]]);
      plans[name] = rows
        .map((row) => {
          depth.set(row.id, (depth.get(row.parent) ?? 0) + 1);
          return `${"  ".repeat(depth.get(row.id)!)}${row.detail}`;
        })
        .join("\n");
    }
    sqlite.close();
    return plans;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  for (const [name, statement] of Object.entries(queries("postgresql"))) {
    await serialFor(client, name);
    const result = await client.query(`EXPLAIN ANALYZE ${statement.text}`, statement.values);
    plans[name] = result.rows.map((row) => row["QUERY PLAN"]).join("\n");
  }
  await client.end();
  return plans;
}

const timed = (engine: Engine) => ({
  "page 1": [pageRowsStatement(accountListQuery({}), engine, null)],
  "page 2,000": [
    pageStartStatement(accountListQuery({ page: "2000" }), engine),
    pageRowsStatement(accountListQuery({ page: "2000" }), engine, benchEmail(99950)),
  ],
  "Two-factor Enabled, page 200": [
    pageStartStatement(accountListQuery({ page: "200", twoFactor: "enabled" }), engine),
  ],
  search: [search("000042@", engine)],
  "search, common part": [search("smith", engine)],
  "search, 2 characters": [search("42", engine)],
  "Protection by role": [PROTECTION_BY_ROLE],
  "Protection by role, former passkey join": [FORMER_PASSKEY_HOLDERS],
});

/** The database's own time for each page's statements (median of `times`, ms), without the app. */
export async function statementTimes(databaseUrl: string, times = 9) {
  const sqlite = databaseUrl.startsWith("file:")
    ? new Database(databaseUrl.slice(5), { readonly: true })
    : undefined;
  const client = sqlite ? undefined : new pg.Client({ connectionString: databaseUrl });
  await client?.connect();
  const result: Record<string, number> = {};
  for (const [name, statements] of Object.entries(timed(engineOf(databaseUrl)))) {
    const runs: number[] = [];
    for (let i = 0; i <= times; i++) {
      const started = performance.now();
      if (client) await serialFor(client, name);
      for (const statement of statements) {
        if (sqlite) sqlite.prepare(statement.sql).all(...(statement.values as unknown[]));
        else await client!.query(statement.text, statement.values);
      }
      if (i > 0) runs.push(performance.now() - started);
    }
    result[name] =
      Math.round([...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)]! * 100) / 100;
  }
  sqlite?.close();
  await client?.end();
  return result;
}
