// The users list's two statements (lib/users/account-list.ts), apart from the database client so
// that the benchmark (bench/accounts.ts) can show their query plans on both engines. They differ
// only in the search's index (docs/architecture.md, "The users list").
import { Prisma } from "@/lib/db/generated/client";
import { ACCOUNTS_PER_PAGE, type AccountListQuery } from "./account-list-query";

// The account's passkeys, counted by the database's triggers (docs/architecture.md, "Security
// overview"): read from the list's indexes alone, no probe of "Passkey" for each account.
const HAS_PASSKEY = Prisma.sql`u."passkeyCount" > 0`;

/** "Enabled": any second factor, an authenticator app or a passkey, as the policy counts it. */
export const SECOND_FACTOR = Prisma.sql`(u."totpEnabledAt" IS NOT NULL OR ${HAS_PASSKEY})`;

/** `%part%` for LIKE, with the user's own `%`, `_` and `\` taken literally. */
export function likePattern(part: string): string {
  return `%${part.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type Engine = "sqlite" | "postgresql";

/** A trigram index finds only parts of 3 characters or more; a shorter part reads every row. */
export const TRIGRAM = 3;

/**
 * A part of a name or an email, either case. The LIKE decides what matches, on both engines.
 * PostgreSQL answers it from the trigram indexes on email and lower(name) itself. On SQLite, the
 * FTS5 trigram table "UserSearch" first narrows the rows to those holding the part's trigrams in
 * a row, whatever their case (a superset of what the LIKE keeps), then the LIKE checks those.
 */
function searchTerm(q: string, engine: Engine): Prisma.Sql {
  // Emails are stored lower-cased; names are lowered here, so both engines ignore case.
  const pattern = likePattern(q);
  const like = Prisma.sql`(u."email" LIKE ${pattern} ESCAPE '\\' OR lower(u."name") LIKE ${pattern} ESCAPE '\\')`;
  const part = q.toLowerCase();
  if (engine === "postgresql" || [...part].length < TRIGRAM) return like;
  const phrase = `"${part.replace(/"/g, '""')}"`;
  return Prisma.sql`u.rowid IN (SELECT rowid FROM "UserSearch" WHERE "UserSearch" MATCH ${phrase}) AND ${like}`;
}

/** The WHERE clause of a query over `"User" u`, with `also` when given. */
export function accountListWhere(
  query: AccountListQuery,
  engine: Engine,
  also?: Prisma.Sql,
): Prisma.Sql {
  const terms: Prisma.Sql[] = also ? [also] : [];
  if (query.role) terms.push(Prisma.sql`u."role" = ${query.role.toUpperCase()}`);
  if (query.twoFactor === "enabled") terms.push(SECOND_FACTOR);
  if (query.twoFactor === "not-set-up") terms.push(Prisma.sql`NOT ${SECOND_FACTOR}`);
  if (query.q) terms.push(searchTerm(query.q, engine));
  return terms.length ? Prisma.join(terms, " AND ", "WHERE ") : Prisma.empty;
}

/** Statement 1: the email the page starts at, read from the index alone. */
export function pageStartStatement(query: AccountListQuery, engine: Engine): Prisma.Sql {
  const offset = (query.page - 1) * ACCOUNTS_PER_PAGE;
  return Prisma.sql`SELECT u."email" FROM "User" u ${accountListWhere(query, engine)}
    ORDER BY u."email" LIMIT 1 OFFSET ${offset}`;
}

/** Statement 2: the page's rows from `start` on, and one more to tell whether a next page exists. */
export function pageRowsStatement(
  query: AccountListQuery,
  engine: Engine,
  start: string | null,
): Prisma.Sql {
  const from = start === null ? undefined : Prisma.sql`u."email" >= ${start}`;
  return Prisma.sql`SELECT u."id", u."name", u."email", u."role", u."totpEnabledAt", u."deactivatedAt",
      u."passkeyCount" AS "passkeys",
      (SELECT COUNT(*) FROM "RecoveryCode" r WHERE r."userId" = u."id" AND r."usedAt" IS NULL)
        AS "recoveryCodes",
      (SELECT MAX(s."completedAt") FROM "SignIn" s WHERE s."userId" = u."id") AS "lastSignInAt"
    FROM "User" u ${accountListWhere(query, engine, from)}
    ORDER BY u."email" LIMIT ${ACCOUNTS_PER_PAGE + 1}`;
}
