// Migrations applied to a database that is already in use, on SQLite and on PostgreSQL: the
// set-up claim (an instance that has an admin counts as set up, one with customers only stays
// open for set-up), the renamed sign-in stages (rows in flight keep their meaning) and the users
// search's trigram indexes (the accounts already there are found), the passkey count (the passkeys
// already there are counted).
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createDatabase, dropDatabase } from "@/test/support/postgres";

const CLAIM_MIGRATION = "20261129000000_setup_claim";
const postgresServer = inject("databaseEngine") === "postgresql" && inject("postgresServerUrl");
const folder = path.resolve(
  import.meta.dirname,
  "..",
  "..",
  "prisma",
  ...(postgresServer ? ["postgresql", "migrations"] : ["migrations"]),
);
const migrations = readdirSync(folder, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const sqlOf = (name: string) => readFileSync(path.join(folder, name, "migration.sql"), "utf8");

type Account = { id: string; role: "ADMIN" | "CUSTOMER"; createdAt: string };

const INSERT_USER = `INSERT INTO "User" ("id", "name", "email", "passwordHash", "role", "createdAt", "updatedAt")
  VALUES ($1, 'Someone', $2, 'not-a-hash', $3, $4, $5)`;
const userValues = (account: Account) => [
  account.id,
  `${account.id}@example.com`,
  account.role,
  account.createdAt,
  account.createdAt,
];
// Which claim rows exist, and whether each carries the oldest admin's creation time.
const READ_CLAIMS = `SELECT "Setup"."id" AS "id",
  "Setup"."completedAt" = (SELECT MIN("createdAt") FROM "User" WHERE "role" = 'ADMIN') AS "fromOldestAdmin"
  FROM "Setup"`;

type Row = Record<string, unknown>;
type Statement = { sql: string; values: unknown[] };

/** Migrates a new database up to `migration`, runs `seed`, applies the rest, and runs `read`. */
async function rowsAfterMigrating(migration: string, seed: Statement[], read: string) {
  const before = migrations.filter((name) => name < migration);
  const rest = migrations.filter((name) => name >= migration);
  if (postgresServer) {
    const name = `appmail_migration_${randomBytes(6).toString("hex")}`;
    const client = new pg.Client({ connectionString: await createDatabase(postgresServer, name) });
    await client.connect();
    try {
      for (const applied of before) await client.query(sqlOf(applied));
      for (const statement of seed) await client.query(statement.sql, statement.values);
      for (const applied of rest) await client.query(sqlOf(applied));
      return (await client.query(read)).rows as Row[];
    } finally {
      await client.end();
      await dropDatabase(postgresServer, name);
    }
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "appmail-migration-"));
  const sqlite = new Database(path.join(dataDir, "appmail.db"));
  try {
    for (const applied of before) sqlite.exec(sqlOf(applied));
    for (const statement of seed) {
      sqlite.prepare(statement.sql.replace(/\$\d/g, "?")).run(...statement.values);
    }
    for (const applied of rest) sqlite.exec(sqlOf(applied));
    return sqlite.prepare(read).all() as Row[];
  } finally {
    sqlite.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function claimsAfterMigrating(accounts: Account[]) {
  const seed = accounts.map((account) => ({ sql: INSERT_USER, values: userValues(account) }));
  const rows = await rowsAfterMigrating(CLAIM_MIGRATION, seed, READ_CLAIMS);
  return rows.map((row) => ({ id: row.id, fromOldestAdmin: Boolean(row.fromOldestAdmin) }));
}

describe("the set-up claim migration", () => {
  it("marks an instance that already has admins as set up, once", async () => {
    const claims = await claimsAfterMigrating([
      { id: "customer", role: "CUSTOMER", createdAt: "2025-01-01 08:00:00.000" },
      { id: "second-admin", role: "ADMIN", createdAt: "2025-03-01 08:00:00.000" },
      { id: "first-admin", role: "ADMIN", createdAt: "2025-02-01 08:00:00.000" },
    ]);
    expect(claims).toEqual([{ id: 1, fromOldestAdmin: true }]);
  });

  it("leaves an instance with no admin open for set-up", async () => {
    const claims = await claimsAfterMigrating([
      { id: "customer", role: "CUSTOMER", createdAt: "2025-01-01 08:00:00.000" },
    ]);
    expect(claims).toEqual([]);
  });
});

describe("the sign-in stage names migration", () => {
  it("renames the stages of sign-ins in flight and keeps complete ones", async () => {
    const account: Account = {
      id: "someone",
      role: "CUSTOMER",
      createdAt: "2025-01-01 08:00:00.000",
    };
    const signIn = (id: string, stage: string) => ({
      sql: `INSERT INTO "SignIn" ("id", "userId", "stage", "sessionVersion", "createdAt", "expiresAt")
        VALUES ($1, 'someone', $2, 1, '2025-01-01 08:00:00.000', '2025-01-01 08:10:00.000')`,
      values: [id, stage],
    });
    const rows = await rowsAfterMigrating(
      "20261129100000_sign_in_stage_names",
      [
        { sql: INSERT_USER, values: userValues(account) },
        signIn("waiting-for-code", "PENDING"),
        signIn("waiting-for-enrolment", "ENROLL"),
        signIn("signed-in", "COMPLETE"),
      ],
      `SELECT "id", "stage" FROM "SignIn" ORDER BY "id"`,
    );
    expect(rows).toEqual([
      { id: "signed-in", stage: "COMPLETE" },
      { id: "waiting-for-code", stage: "AWAITING_CODE" },
      { id: "waiting-for-enrolment", stage: "AWAITING_ENROLMENT" },
    ]);
  });
});

describe("the sealed link bodies migration", () => {
  it("deletes link bodies queued in clear and fails their messages; notices keep theirs", async () => {
    // `1 = 1` is true on both engines (a boolean column is an integer on SQLite).
    const message = (id: string, status: string, carriesLink: boolean) => ({
      sql: `INSERT INTO "OutboxMessage" ("id", "recipient", "subject", "textBody", "htmlBody", "carriesLink", "status")
        VALUES ($1, 'someone@example.com', 'Subject', $2, '<p>html</p>', ${carriesLink ? "1 = 1" : "1 = 0"}, $3)`,
      values: [id, `Open https://appmail.example/login/reset/${id}`, status],
    });
    const rows = await rowsAfterMigrating(
      "20261207110000_outbox_link_bodies",
      [
        message("queued-link", "QUEUED", true),
        message("retried-link", "QUEUED", true),
        message("queued-notice", "QUEUED", false),
        message("failed-link", "FAILED", true),
      ],
      `SELECT "id", "status", "textBody", "htmlBody", "lastError" FROM "OutboxMessage" ORDER BY "id"`,
    );
    const dropped = {
      status: "FAILED",
      textBody: null,
      htmlBody: null,
      lastError: "The link was stored in clear before an upgrade and was deleted unsent",
    };
    expect(rows).toEqual([
      { id: "failed-link", status: "FAILED", textBody: null, htmlBody: null, lastError: null },
      { id: "queued-link", ...dropped },
      {
        id: "queued-notice",
        status: "QUEUED",
        textBody: "Open https://appmail.example/login/reset/queued-notice",
        htmlBody: "<p>html</p>",
        lastError: null,
      },
      { id: "retried-link", ...dropped },
    ]);
  });
});

describe("the users search migration", () => {
  it("indexes the accounts that exist already, by a part of the name or the email", async () => {
    const account: Account = {
      id: "before",
      role: "CUSTOMER",
      createdAt: "2025-01-01 08:00:00.000",
    };
    // SQLite: the FTS5 trigram table, rebuilt from the accounts; PostgreSQL: the GIN indexes.
    const read = postgresServer
      ? `SELECT "email", (SELECT COUNT(*) FROM pg_indexes WHERE "indexname" LIKE 'User_%_trgm_idx') AS "indexes"
         FROM "User" WHERE lower("name") LIKE '%omeon%' AND "email" LIKE '%fore@%'`
      : `SELECT u."email", 2 AS "indexes" FROM "User" u WHERE u.rowid IN
           (SELECT rowid FROM "UserSearch" WHERE "UserSearch" MATCH '"OMEON"')
         AND u.rowid IN (SELECT rowid FROM "UserSearch" WHERE "UserSearch" MATCH '"fore@"')`;
    const rows = await rowsAfterMigrating(
      "20261208010000_users_search_trigrams",
      [{ sql: INSERT_USER, values: userValues(account) }],
      read,
    );
    expect(rows.map((row) => ({ email: row.email, indexes: Number(row.indexes) }))).toEqual([
      { email: "before@example.com", indexes: 2 },
    ]);
  });
});

describe("the passkey count migration", () => {
  it("counts the passkeys that accounts hold already", async () => {
    const accounts: Account[] = ["two", "none"].map((id) => ({
      id,
      role: "CUSTOMER",
      createdAt: "2025-01-01 08:00:00.000",
    }));
    const passkey = `INSERT INTO "Passkey" ("id", "userId", "credentialId", "publicKey", "name")
      VALUES ($1, 'two', $2, $3, 'Laptop')`;
    const rows = await rowsAfterMigrating(
      "20261208040000_passkey_count",
      [
        ...accounts.map((account) => ({ sql: INSERT_USER, values: userValues(account) })),
        { sql: passkey, values: ["pk-1", "credential-1", Buffer.from([1])] },
        { sql: passkey, values: ["pk-2", "credential-2", Buffer.from([2])] },
      ],
      `SELECT "id", "passkeyCount" FROM "User" ORDER BY "id"`,
    );
    expect(rows.map((row) => [row.id, Number(row.passkeyCount)])).toEqual([
      ["none", 0],
      ["two", 2],
    ]);
  });
});
