import "server-only";
import { getConfig, isPostgresUrl } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { ACCOUNTS_PER_PAGE, type AccountListQuery } from "./account-list-query";
import {
  type Engine,
  pageRowsStatement,
  pageStartStatement,
  SECOND_FACTOR,
} from "./account-list-sql";

// One page of the users list, as cheap at page 2,000 of 100,000 accounts as at page 1
// (docs/architecture.md, "The users list"). Two statements, the same on SQLite and PostgreSQL:
//   1. the page's first email: `ORDER BY email LIMIT 1 OFFSET n` over the covering index
//      "User"(email, role, totpEnabledAt, id) (or role first, for a role filter), which reads
//      the index alone, never the table rows it skips;
//   2. the page itself from there: `email >= first ORDER BY email LIMIT 51`, a seek in the same
//      index, with each row's counts and last sign-in from their own indexes. The 51st row says
//      whether there is a next page, so nothing counts the whole list.
// A search (a part of a name or an email) of 3 characters or more is found through a trigram
// index: pg_trgm's GIN indexes on PostgreSQL, an FTS5 trigram table on SQLite. A shorter one
// reads every row it passes, as bench/README.md measures.

export type ListedAccount = {
  id: string;
  name: string;
  email: string;
  role: string;
  totpEnabledAt: Date | null;
  deactivatedAt: Date | null;
  /** Its passkeys and unused recovery codes (what "Reset two-factor" would remove, too). */
  _count: { passkeys: number; recoveryCodes: number };
  lastSignInAt: Date | null;
};

export type AccountPage = {
  accounts: ListedAccount[];
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
};

type Row = Omit<ListedAccount, "_count" | "lastSignInAt"> & {
  passkeys: unknown;
  recoveryCodes: unknown;
  lastSignInAt: unknown;
};

/** A computed date: PostgreSQL returns a Date, SQLite what the column holds (text or a number). */
function computedDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const number = Number(value);
  return new Date(Number.isFinite(number) ? number : String(value));
}

const engine = (): Engine => (isPostgresUrl(getConfig().databaseUrl) ? "postgresql" : "sqlite");

export async function listAccountPage(query: AccountListQuery): Promise<AccountPage> {
  let start: string | null = null;
  if (query.page > 1) {
    const first = await db.$queryRaw<{ email: string }[]>(pageStartStatement(query, engine()));
    if (!first[0]) return { accounts: [], page: query.page, hasPrevious: true, hasNext: false };
    start = first[0].email;
  }
  const rows = await db.$queryRaw<Row[]>(pageRowsStatement(query, engine(), start));
  const accounts = rows
    .slice(0, ACCOUNTS_PER_PAGE)
    .map(({ passkeys, recoveryCodes, lastSignInAt, ...row }) => ({
      ...row,
      _count: { passkeys: Number(passkeys), recoveryCodes: Number(recoveryCodes) },
      lastSignInAt: computedDate(lastSignInAt),
    }));
  return {
    accounts,
    page: query.page,
    hasPrevious: query.page > 1,
    hasNext: rows.length > ACCOUNTS_PER_PAGE,
  };
}

/** The backend dashboard's figures, counted by the database. */
export async function countAccounts() {
  const rows = await db.$queryRaw<{ accounts: unknown; protected: unknown }[]>`
    SELECT COUNT(*) AS "accounts",
      SUM(CASE WHEN ${SECOND_FACTOR} THEN 1 ELSE 0 END) AS "protected"
    FROM "User" u`;
  return { accounts: Number(rows[0]?.accounts ?? 0), protected: Number(rows[0]?.protected ?? 0) };
}
