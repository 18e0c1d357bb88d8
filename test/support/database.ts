// A throwaway database for an integration test file: SQLite, or PostgreSQL in Vitest's
// "postgresql" project (vitest.config.ts), whose global setup provides a server.
//
// lib/db/client.ts creates its Prisma client when first imported, from the environment, so a test
// file calls `setUpTestDatabase()` first and only then imports app modules dynamically:
//
//   const dataDir = await setUpTestDatabase();
//   const { db } = await import("@/lib/db/client");
//
// Vitest runs each test file in its own module graph and worker, so each file gets its own
// database, secrets and Prisma client.
//
// The migrations run once per engine and run, not once per file: the global setups
// (sqlite-template-setup.ts, postgres-setup.ts) make a migrated template database, and each file
// gets a copy of it (a file copy on SQLite, `CREATE DATABASE … TEMPLATE …` on PostgreSQL).
// `createMigratedDatabase` stays for tests of the migrations themselves and the templates.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { inject } from "vitest";
import { migratePostgres } from "@/scripts/migrate-postgres";
import { createDatabase, dropDatabase, postgresBin } from "./postgres";

const projectRoot = path.resolve(import.meta.dirname, "..", "..");
const migrationsFolder = path.join(projectRoot, "prisma", "migrations");

/** The SQL of every migration, oldest first (folder names start with a timestamp). */
export function migrationScripts(): string[] {
  return readdirSync(migrationsFolder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => readFileSync(path.join(migrationsFolder, name, "migration.sql"), "utf8"));
}

/** Creates `<dataDir>/appmail.db` with every migration applied, in WAL mode as the app runs it. */
export function createMigratedDatabase(dataDir: string): string {
  const file = path.join(dataDir, "appmail.db");
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    for (const sql of migrationScripts()) sqlite.exec(sql);
    // Everything into the main file, so that the file alone is a complete copy (WAL mode is
    // recorded in its header and survives the copy).
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    sqlite.close();
  }
  return file;
}

/**
 * Copies a migrated database (the run's template, checkpointed and closed) to `<dataDir>/appmail.db`
 * and checks that the copy is whole and still in WAL mode, as the app runs it.
 */
export function copySqliteDatabase(template: string, dataDir: string): string {
  const file = path.join(dataDir, "appmail.db");
  copyFileSync(template, file);
  const sqlite = new Database(file);
  try {
    const mode = sqlite.pragma("journal_mode", { simple: true });
    if (mode !== "wal") throw new Error(`The SQLite template is in ${String(mode)} mode, not WAL.`);
  } finally {
    sqlite.close();
  }
  return file;
}

/** This file's PostgreSQL database, when the project runs on PostgreSQL. */
let postgres: { serverUrl: string; name: string; url: string } | undefined;

/**
 * Points this process's configuration at a new temporary data folder and a migrated database.
 * On SQLite the database is in that folder and the session secret and encryption key are
 * generated there on first use; on PostgreSQL it is a new database on the project's server and
 * both secrets are set explicitly, as that engine requires. Returns the folder.
 */
export async function setUpTestDatabase(): Promise<string> {
  // lib/db/client.ts keeps its client on globalThis: one already there belongs to another file's
  // database (a worker reused without isolation, or app modules imported too early).
  if ((globalThis as { appmailDb?: unknown }).appmailDb) {
    throw new Error(
      "The app's database client already exists: call setUpTestDatabase() before importing app modules, with Vitest's per-file isolation on.",
    );
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "appmail-integration-"));
  process.env.APPMAIL_DATA_DIR = dataDir;
  delete process.env.APPMAIL_ENCRYPTION_KEY_VERSION;
  delete process.env.APPMAIL_PREVIOUS_ENCRYPTION_KEYS;
  if (inject("databaseEngine") === "postgresql") {
    const serverUrl = inject("postgresServerUrl");
    if (!serverUrl)
      throw new Error("No PostgreSQL server: test/support/postgres-setup.ts did not run.");
    const name = `appmail_test_${randomBytes(6).toString("hex")}`;
    const template = inject("postgresTemplate");
    const url = await createDatabase(serverUrl, name, template);
    if (!template) await migratePostgres(url);
    postgres = { serverUrl, name, url };
    process.env.DATABASE_URL = url;
    process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
    process.env.APPMAIL_ENCRYPTION_KEY = randomBytes(32).toString("base64");
  } else {
    const template = inject("sqliteTemplate");
    if (template) copySqliteDatabase(template, dataDir);
    else createMigratedDatabase(dataDir);
    delete process.env.DATABASE_URL;
    delete process.env.NEXTAUTH_SECRET;
    delete process.env.APPMAIL_ENCRYPTION_KEY;
  }
  return dataDir;
}

/**
 * `setUpTestDatabase` under its first name. Next's ESLint config reads any `use…` call as a React
 * hook (react-hooks/rules-of-hooks), so the tests call `setUpTestDatabase`.
 */
export const useTestDatabase = setUpTestDatabase;

/**
 * What a copy of the database would hold: on SQLite every byte written for it (the main file and
 * its write-ahead log), on PostgreSQL a full `pg_dump`, as a backup would take it.
 */
export function databaseBytes(dataDir: string): Buffer {
  if (postgres) {
    return execFileSync(postgresBin("pg_dump"), ["--dbname", postgres.url], {
      maxBuffer: 256 * 1024 * 1024,
    });
  }
  const file = path.join(dataDir, "appmail.db");
  const parts = [file, `${file}-wal`].flatMap((name) => {
    try {
      return [readFileSync(name)];
    } catch {
      return [];
    }
  });
  return Buffer.concat(parts);
}

/**
 * Removes the folder made by `setUpTestDatabase` and, on PostgreSQL, its database (unless
 * APPMAIL_KEEP_TEST_DB is set, for debugging). Disconnect the app's client first.
 */
export async function removeTestDatabase(dataDir: string): Promise<void> {
  if (process.env.APPMAIL_KEEP_TEST_DB) return;
  rmSync(dataDir, { recursive: true, force: true });
  if (postgres) await dropDatabase(postgres.serverUrl, postgres.name);
}
