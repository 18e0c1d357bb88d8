// The users list's statements as each engine plans them over the seeded accounts: EXPLAIN QUERY
// PLAN on SQLite, EXPLAIN on PostgreSQL (bench/README.md, "Accounts").
import Database from "better-sqlite3";
import pg from "pg";
import { accountListQuery } from "../../lib/users/account-list-query";
import { pageRowsStatement, pageStartStatement } from "../../lib/users/account-list-sql";
import { benchEmail } from "./account-seed";

const queries = {
  "page 2,000: its first email": pageStartStatement(accountListQuery({ page: "2000" })),
  "page 2,000: its rows": pageRowsStatement(accountListQuery({ page: "2000" }), benchEmail(99950)),
  "Two-factor Enabled, page 200: its first email": pageStartStatement(
    accountListQuery({ page: "200", twoFactor: "enabled" }),
  ),
  "Admins, page 10: its first email": pageStartStatement(
    accountListQuery({ page: "10", role: "admin" }),
  ),
  "search, page 1": pageRowsStatement(accountListQuery({ q: "000042@" }), null),
};

export async function queryPlans(databaseUrl: string): Promise<Record<string, string>> {
  const plans: Record<string, string> = {};
  if (databaseUrl.startsWith("file:")) {
    const sqlite = new Database(databaseUrl.slice(5), { readonly: true });
    for (const [name, statement] of Object.entries(queries)) {
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
  for (const [name, statement] of Object.entries(queries)) {
    const result = await client.query(`EXPLAIN ${statement.text}`, statement.values);
    plans[name] = result.rows.map((row) => row["QUERY PLAN"]).join("\n");
  }
  await client.end();
  return plans;
}

const timed = {
  "page 1": [pageRowsStatement(accountListQuery({}), null)],
  "page 2,000": [
    pageStartStatement(accountListQuery({ page: "2000" })),
    pageRowsStatement(accountListQuery({ page: "2000" }), benchEmail(99950)),
  ],
  "Two-factor Enabled, page 200": [
    pageStartStatement(accountListQuery({ page: "200", twoFactor: "enabled" })),
  ],
  search: [pageRowsStatement(accountListQuery({ q: "000042@" }), null)],
};

/** The database's own time for each page's statements (median of `times`, ms), without the app. */
export async function statementTimes(databaseUrl: string, times = 9) {
  const sqlite = databaseUrl.startsWith("file:")
    ? new Database(databaseUrl.slice(5), { readonly: true })
    : undefined;
  const client = sqlite ? undefined : new pg.Client({ connectionString: databaseUrl });
  await client?.connect();
  const result: Record<string, number> = {};
  for (const [name, statements] of Object.entries(timed)) {
    const runs: number[] = [];
    for (let i = 0; i <= times; i++) {
      const started = performance.now();
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
