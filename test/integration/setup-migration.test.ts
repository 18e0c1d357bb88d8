// The set-up claim added to a database that is already in use, on SQLite and on PostgreSQL: an
// instance that has an admin counts as set up, one with customers only stays open for set-up.
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
const before = migrations.filter((name) => name < CLAIM_MIGRATION);
const fromClaim = migrations.filter((name) => name >= CLAIM_MIGRATION);

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

/** Migrates a new database up to the claim, adds the accounts, then applies the rest. */
async function claimsAfterMigrating(accounts: Account[]) {
  if (postgresServer) {
    const name = `appmail_migration_${randomBytes(6).toString("hex")}`;
    const client = new pg.Client({ connectionString: await createDatabase(postgresServer, name) });
    await client.connect();
    try {
      for (const migration of before) await client.query(sqlOf(migration));
      for (const account of accounts) {
        await client.query(INSERT_USER, userValues(account));
      }
      for (const migration of fromClaim) await client.query(sqlOf(migration));
      const { rows } = await client.query(READ_CLAIMS);
      return rows.map((row) => ({ id: row.id, fromOldestAdmin: Boolean(row.fromOldestAdmin) }));
    } finally {
      await client.end();
      await dropDatabase(postgresServer, name);
    }
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "appmail-migration-"));
  const sqlite = new Database(path.join(dataDir, "appmail.db"));
  try {
    for (const migration of before) sqlite.exec(sqlOf(migration));
    const insert = sqlite.prepare(INSERT_USER.replace(/\$\d/g, "?"));
    for (const account of accounts) insert.run(...userValues(account));
    for (const migration of fromClaim) sqlite.exec(sqlOf(migration));
    const rows = sqlite.prepare(READ_CLAIMS).all() as { id: number; fromOldestAdmin: number }[];
    return rows.map((row) => ({ id: row.id, fromOldestAdmin: Boolean(row.fromOldestAdmin) }));
  } finally {
    sqlite.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
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
